import fc from 'fast-check';
import type { HttpCase } from './fuzz-http.js';

/** A route of a product's table: method and path template (`{param}` segments). */
export interface FuzzRoute {
  method: string;
  path: string;
}

/** Credentials the generator may use (valid ones let the fuzz reach past authentication). */
export interface FuzzCredentials {
  rocketchat: Record<string, string>;
  selfcommunityToken: string;
  /** Scenario names without faults (faults may answer 5xx on purpose). */
  scenarios: string[];
}

const name = fc.stringMatching(/^[a-z][a-z0-9._-]{1,10}$/);
const email = fc.tuple(name, fc.constantFrom('example.com', 'EXAMPLE.com', 'mail.test')).map(([n, d]) => `${n}@${d}`);
const password = fc.oneof(fc.constant('Fuzz-Pass-1'), fc.string({ maxLength: 20 }));
const bridgeMessage = (method: string) =>
  fc.record({ msg: fc.constant('method'), id: fc.string({ maxLength: 5 }), method: fc.constant(method), params: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }) }).map((m) => ({ message: JSON.stringify(m) }));

/** A plausible (often valid) body per route, the seed that mutations start from. */
function validBody(route: FuzzRoute, param: string): fc.Arbitrary<unknown> {
  const key = `${route.method} ${route.path}`;
  switch (key) {
    case 'POST /api/v1/users.register':
      return fc.record({ username: name, email, pass: password, name: fc.string({ maxLength: 12 }) });
    case 'POST /api/v1/users.create':
      return fc.record({ username: name, email, password, name: fc.string({ maxLength: 12 }), roles: fc.constantFrom(['user'], ['admin'], ['bot']), active: fc.boolean(), verified: fc.boolean() }, { requiredKeys: ['username', 'email', 'password', 'name'] });
    case 'POST /api/v1/users.delete':
      return fc.oneof(fc.record({ username: name }), fc.record({ userId: fc.string({ maxLength: 17 }) }));
    case 'POST /api/v1/login':
      return fc.oneof(fc.record({ user: name, password }), fc.record({ username: name, password }), fc.record({ resume: fc.string() }), fc.record({ user: fc.constant('admin'), password: fc.constant('admin') }));
    case 'POST /api/v1/settings/{_id}':
      return fc.record({ value: fc.jsonValue({ maxDepth: 2 }) });
    case 'POST /api/v1/permissions.update':
      return fc.record({ permissions: fc.array(fc.record({ _id: fc.constantFrom('create-user', 'view-other-user-channels', 'x'), roles: fc.array(fc.constantFrom('admin', 'user', 'bot', 'nope')) }), { maxLength: 3 }) });
    case 'POST /api/v1/method.call/{method}':
    case 'POST /api/v1/method.callAnon/{method}':
      return bridgeMessage(param);
    case 'POST /oauth/token/':
      return fc.record({ grant_type: fc.constantFrom('password', 'refresh_token', 'client_credentials', 'x'), username: name, password, client_id: fc.constantFrom('mockchat-selfcommunity', 'x'), refresh_token: fc.string() }, { requiredKeys: [] });
    case 'POST /oauth/revoke_token/':
      return fc.record({ token: fc.string(), client_id: fc.constantFrom('mockchat-selfcommunity', 'x') }, { requiredKeys: [] });
    case 'POST /api/v2/account/create/':
      return fc.record({ username: name, email, password, real_name: fc.string({ maxLength: 12 }), ext_id: fc.string({ maxLength: 5 }), invite_code: fc.string({ maxLength: 5 }), promo_code: fc.string({ maxLength: 5 }) }, { requiredKeys: ['username', 'email', 'password'] });
    case 'POST /api/v2/account/verify/':
    case 'POST /api/v2/account/verify/validation_code/':
      return fc.record({ validation_code: fc.string({ maxLength: 40 }) });
    case 'POST /api/v2/account/recover/':
      return fc.record({ email });
    case 'POST /api/v2/account/reset/':
      return fc.record({ validation_code: fc.string({ maxLength: 40 }), password });
    default:
      return fc.constant({});
  }
}

/** A plausible query string per GET route. */
function validQuery(route: FuzzRoute): fc.Arbitrary<Record<string, string>> {
  if (route.method !== 'GET') return fc.constant({});
  return fc.record(
    { username: fc.oneof(name, fc.constant('admin')), userId: fc.string({ maxLength: 17 }), count: fc.integer({ min: -5, max: 500 }).map(String), offset: fc.integer({ min: -5, max: 50 }).map(String), query: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), updatedSince: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), email: email, ext_id: fc.string({ maxLength: 5 }), provider: fc.string({ maxLength: 5 }) },
    { requiredKeys: [] },
  );
}

const deep = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

/** Mutate one field of an object body: drop it, retype it, make it huge, unicode, or deep. */
const mutated = (base: fc.Arbitrary<unknown>) =>
  fc.tuple(base, fc.nat(), fc.oneof(fc.constant('drop'), fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant('huge'), fc.integer({ min: 1, max: 120 }).map((d) => ({ deep: d })))).map(([body, i, change]) => {
    if (typeof body !== 'object' || body === null) return body;
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length ? keys[i % keys.length] : 'extra';
    if (change === 'drop') delete copy[key];
    else if (change === 'huge') copy[key] = 'x'.repeat(50_000 + (i % 50_000));
    else if (typeof change === 'object' && change !== null && 'deep' in change) copy[key] = deep((change as { deep: number }).deep, copy[key]);
    else copy[key] = change;
    return copy;
  });

const text = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');

/** Bodies: mutated valid ones, arbitrary JSON of wrong shapes, junk text, invalid UTF-8, deep nesting, nothing, rarely over the 1 MiB limit. */
function body(route: FuzzRoute, param: string): fc.Arbitrary<Buffer | undefined> {
  const valid = validBody(route, param);
  return fc.oneof(
    { weight: 5, arbitrary: valid.map(text) },
    { weight: 6, arbitrary: mutated(valid).map(text) },
    { weight: 3, arbitrary: fc.jsonValue().map(text) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 5000 }).map((d) => Buffer.from(`${'['.repeat(d)}${']'.repeat(d)}`)) },
    { weight: 1, arbitrary: valid.map((v) => new URLSearchParams(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])).toString()).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    { weight: 1, arbitrary: fc.nat(100).map((n) => (n === 0 ? Buffer.alloc(1024 * 1024 + 1, 'a') : Buffer.from('{}'))) },
  );
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', 'application/xml', '', ';;;', 'application/json; charset=latin1'];
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);

function headers(creds: FuzzCredentials): fc.Arbitrary<Record<string, string>> {
  const rcAuth = fc.oneof(fc.constant({}), fc.constant(creds.rocketchat), fc.record({ 'x-user-id': headerValue, 'x-auth-token': headerValue }, { requiredKeys: [] }), fc.constant({ 'x-user-id': creds.rocketchat['x-user-id'], 'x-auth-token': 'wrong' }));
  const scAuth = fc.oneof(fc.constant({}), fc.constant({ authorization: `Bearer ${creds.selfcommunityToken}` }), fc.constant({ authorization: 'Bearer sc-member-token' }), headerValue.map((v) => ({ authorization: v })), headerValue.map((v) => ({ authorization: `Bearer ${v}` })));
  const scenario = fc.oneof({ weight: 6, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constantFrom(...creds.scenarios).map((s) => ({ 'x-mockchat-scenario': s })) }, { weight: 1, arbitrary: headerValue.map((s) => ({ 'x-mockchat-scenario': s })) });
  const sandbox = fc.oneof({ weight: 8, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constantFrom('fz-a', 'fz-b').map((s) => ({ 'x-mockchat-sandbox': s })) }, { weight: 1, arbitrary: headerValue.map((s) => ({ 'x-mockchat-sandbox': s })) });
  const contentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue);
  const extra = fc.dictionary(fc.stringMatching(/^x-[a-z-]{1,12}$/), headerValue, { maxKeys: 3 });
  return fc.tuple(rcAuth, scAuth, scenario, sandbox, contentType, extra).map(([a, b, s, x, ct, e]) => ({ ...e, ...a, ...b, ...s, ...x, ...(ct && { 'content-type': ct }) }));
}

const encodeSome = (path: string, i: number) => path.replace(/[a-z.]/g, (c, at: number) => ((at + i) % 3 === 0 ? `%${c.charCodeAt(0).toString(16)}` : c));

/** Path mutations: as is (mostly), trailing slash flipped, encoded characters, dot segments, doubled slashes, very long, junk suffix. */
function target(route: FuzzRoute, param: string): fc.Arbitrary<string> {
  const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(param));
  const mutation = fc.oneof(
    { weight: 10, arbitrary: fc.constant((p: string) => p) },
    { weight: 1, arbitrary: fc.constant((p: string) => (p.endsWith('/') ? p.slice(0, -1) : `${p}/`)) },
    { weight: 1, arbitrary: fc.nat().map((i) => (p: string) => encodeSome(p, i)) },
    { weight: 1, arbitrary: fc.constant((p: string) => p.replace(/\/([^/]+)$/, '/../$1').replace('/api/', '/api/./')) },
    { weight: 1, arbitrary: fc.constant((p: string) => p.replace(/\//g, '//')) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 12_000 }).map((n) => (p: string) => `${p}${'a'.repeat(n)}`) },
    { weight: 1, arbitrary: fc.webSegment().map((s) => (p: string) => `${p}${s}`) },
    { weight: 1, arbitrary: fc.constant((p: string) => p.toUpperCase()) },
  );
  const query = fc.oneof({ weight: 3, arbitrary: validQuery(route).map((q) => new URLSearchParams(q).toString()) }, { weight: 1, arbitrary: fc.webQueryParameters() }, { weight: 1, arbitrary: fc.constant('%zz&=&a=%00&a=%ff') });
  return fc.tuple(mutation, query).map(([m, q]) => `${m(path)}${q ? `?${q}` : ''}`);
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const PARAMS: Record<string, string[]> = {
  '{method}': ['registerUser', 'login', 'logout', 'setUsername', 'getUsernameSuggestion', 'public-settings/get', 'nope'],
  '{_id}': ['Accounts_RegistrationForm', 'Accounts_Password_Policy_Enabled', 'Site_Name', 'nope'],
};

/** Generated requests for one route of a product's table. */
export function httpCases(route: FuzzRoute, creds: FuzzCredentials): fc.Arbitrary<HttpCase> {
  const params = Object.entries(PARAMS).find(([p]) => route.path.includes(p))?.[1] ?? [''];
  // One arbitrary per path parameter, built once (`chain` would rebuild them for every case).
  const auth = headers(creds);
  return fc.oneof(
    ...params.map((param) =>
      fc
        .record({
          method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
          target: target(route, param),
          headers: auth,
          body: body(route, param),
        })
        .map((c) => ({ ...c, body: c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body })),
    ),
  );
}
