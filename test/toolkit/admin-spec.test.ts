import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const Ajv2020 = Ajv2020Module.default;
const SPEC_ID = 'mockchat-admin';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = Record<string, any>;
const spec = parse(readFileSync('specs/mockchat.admin.yaml', 'utf8')) as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) } });
ajv.addSchema({ ...spec, $id: SPEC_ID });

const pointer = (...parts: string[]) => `${SPEC_ID}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
const validate = (ref: string, value: unknown): string[] => {
  const check = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};
/** A `$ref` in the document (`#/components/...`), followed. */
const deref = (node: Json): Json => (node.$ref ? deref(node.$ref.slice(2).split('/').reduce((n: Json, k: string) => n[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec)) : node);

/** Every (schema location, example) pair in the document: media types and parameters. */
function examples(): Array<{ where: string; ref: string; value: unknown }> {
  const found: Array<{ where: string; ref: string; value: unknown }> = [];
  const media = (where: string[], content: Json | undefined) => {
    for (const [type, m] of Object.entries(content ?? {}) as Array<[string, Json]>) {
      if (!m.schema) continue;
      const ref = pointer(...where, 'content', type, 'schema');
      if ('example' in m) found.push({ where: where.join(' '), ref, value: m.example });
      for (const [name, ex] of Object.entries(m.examples ?? {}) as Array<[string, Json]>) found.push({ where: `${where.join(' ')} (${name})`, ref, value: ex.value });
    }
  };
  for (const [name, r] of Object.entries(spec.components.responses) as Array<[string, Json]>) media(['components', 'responses', name], r.content);
  for (const [name, p] of Object.entries(spec.components.parameters) as Array<[string, Json]>) {
    if ('example' in p) found.push({ where: `parameter ${name}`, ref: pointer('components', 'parameters', name, 'schema'), value: p.example });
  }
  for (const [path, item] of Object.entries(spec.paths) as Array<[string, Json]>) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      if (op.requestBody) media(['paths', path, method, 'requestBody'], op.requestBody.content);
      for (const [status, r] of Object.entries(op.responses) as Array<[string, Json]>) if (!r.$ref) media(['paths', path, method, 'responses', status], r.content);
      for (const [i, p] of (op.parameters ?? []).entries()) {
        if (!p.$ref && 'example' in p) found.push({ where: `${method} ${path} ${p.name}`, ref: pointer('paths', path, method, 'parameters', String(i), 'schema'), value: p.example });
      }
    }
  }
  return found;
}

/** `METHOD /path` of every admin route in src/admin/admin-api.ts and dashboard.ts: the switch cases and the regex routes. */
function sourceRoutes(): string[] {
  const source = ['src/admin/admin-api.ts', 'src/admin/dashboard.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
  const cases = [...source.matchAll(/case '((?:GET|POST|PUT|DELETE) \/__mockchat[^']*)'/g)].map((m) => m[1]);
  const patterns = [...source.matchAll(/\/\^((?:GET|POST|PUT|DELETE) \\\/__mockchat.*?)\$\//g)].map((m) => m[1].replace(/\(\[\^\/\]\+\)/g, '{}').replace(/\\\//g, '/'));
  expect(cases.length).toBeGreaterThanOrEqual(10);
  expect(patterns).toEqual(['POST /__mockchat/snapshots/{}/restore', 'DELETE /__mockchat/sandboxes/{}', 'GET /__mockchat/ui/{}']);
  return [...cases, ...patterns, ...dataRoutes()];
}

/** The data API (src/admin/data-api.ts): json-server's GETs on every collection, plus the write cases. */
function dataRoutes(): string[] {
  const source = readFileSync('src/admin/data-api.ts', 'utf8');
  const collections = JSON.parse(/DATA_COLLECTIONS = (\[[^\]]*\])/.exec(source)![1].replace(/'/g, '"')) as string[];
  const reads = collections.flatMap((c) => [`GET /__mockchat/db/${c}`, `GET /__mockchat/db/${c}/{}`]);
  const writes = [...source.matchAll(/case '(POST|PUT|PATCH|DELETE) (\w+)(\/:id)?'/g)].map((m) => `${m[1]} /__mockchat/db/${m[2]}${m[3] ? '/{}' : ''}`);
  expect(writes.length).toBeGreaterThanOrEqual(8);
  return [...reads, ...writes];
}

const specRoutes = () =>
  Object.entries(spec.paths as Json).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`));

describe('specs/mockchat.admin.yaml', () => {
  it('is an OpenAPI 3.1 document whose examples validate against their schemas', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(spec.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const all = examples();
    expect(all.length).toBeGreaterThan(25);
    const failures = all.map((e) => ({ where: e.where, errors: validate(e.ref, e.value) })).filter((f) => f.errors.length);
    expect(failures).toEqual([]);
    // the check does reject a wrong value, through $refs
    expect(validate(pointer('components', 'schemas', 'Error'), { error: { code: 'OOPS', message: 'no prefix' } })).toHaveLength(2);
    expect(validate(pointer('paths', '/__mockchat/health', 'get', 'responses', '200', 'content', 'application/json', 'schema'), { status: 'ok', users: 1, scenario: [1] })).toEqual(['/scenario/0 must be string']);
  });

  it('describes every route of admin-api.ts, and no other', () => {
    expect(specRoutes().sort()).toEqual(sourceRoutes().sort());
  });

  it('documents the sandbox header, the error shape and unique operation ids on every operation', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(spec.paths) as Array<[string, Json]>) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method] as Json;
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
        // Sandbox-wide routes, and the dashboard's page and files, act on no workspace.
        if (!['/__mockchat/sandboxes', '/__mockchat/sandboxes/{name}', '/__mockchat/', '/__mockchat/ui/{file}'].includes(path)) {
          expect(params.map((p) => p.name), `${method} ${path}`).toContain('X-Mockchat-Sandbox');
        }
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        ids.add(op.operationId);
        for (const [status, r] of Object.entries(op.responses) as Array<[string, Json]>) {
          // json-server itself answers an unknown id with 404 {} (data API reads)
          if (Number(status) >= 400 && !(method === 'get' && status === '404' && path.startsWith('/__mockchat/db/'))) {
            expect(deref(r).content['application/json'].schema.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Error');
          }
        }
      }
    }
    expect(ids.size).toBe(specRoutes().length);
  });
});

describe('live answers match specs/mockchat.admin.yaml', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat({ maxSandboxes: 3 });
  });
  afterAll(() => mock.close());

  const calls: Array<[method: string, path: string, status: number, body?: unknown, headers?: Record<string, string>]> = [
    ['POST', '/api/v1/users.register', 200, { username: 'jane', email: 'jane@example.com', pass: 'x', name: 'Jane' }, { 'x-mockchat-sandbox': 'w1' }],
    ['GET', '/__mockchat/health', 200],
    ['GET', '/__mockchat/reload', 200],
    ['GET', '/__mockchat/health', 200, undefined, { 'x-mockchat-sandbox': 'w1' }],
    ['GET', '/__mockchat/scenarios', 200],
    ['PUT', '/__mockchat/scenario', 200, { name: 'registration-disabled' }],
    ['PUT', '/__mockchat/scenario', 400, { name: 'nope' }],
    ['PUT', '/__mockchat/scenario', 400, { other: 1 }],
    ['GET', '/__mockchat/scenario', 200],
    ['DELETE', '/__mockchat/scenario', 200],
    ['GET', '/__mockchat/requests?method=registerUser&limit=5', 200],
    ['GET', '/__mockchat/requests?limit=x', 400],
    ['DELETE', '/__mockchat/requests', 200],
    ['POST', '/__mockchat/snapshots', 201, { id: 'before' }],
    ['POST', '/__mockchat/snapshots', 400, { id: 'no good' }],
    ['POST', '/__mockchat/snapshots', 400, '{nope'],
    ['GET', '/__mockchat/snapshots', 200],
    ['POST', '/__mockchat/snapshots/before/restore', 200, {}],
    ['POST', '/__mockchat/snapshots/missing/restore', 404, {}],
    ['GET', '/__mockchat/sandboxes', 200],
    ['GET', '/__mockchat/health', 200, undefined, { 'x-mockchat-sandbox': 'bad name' }],
    ['GET', '/__mockchat/scenario', 400, undefined, { 'x-mockchat-sandbox': 'bad name' }],
    ['DELETE', '/__mockchat/sandboxes/w1', 200],
    ['DELETE', '/__mockchat/sandboxes/w1', 404],
    ['DELETE', '/__mockchat/sandboxes', 200],
    ['GET', '/__mockchat/db/users?q=alice&_page=1&_limit=5&_sort=username', 200],
    ['GET', '/__mockchat/db/users/nope', 404],
    ['POST', '/__mockchat/db/users', 201, { username: 'dbuser', email: 'dbuser@example.com', password: 'p' }],
    ['POST', '/__mockchat/db/users', 400, { username: 'alice', email: 'other@example.com', password: 'p' }],
    ['PATCH', '/__mockchat/db/users/nope', 404, { name: 'x' }],
    ['DELETE', '/__mockchat/db/users/nope', 404],
    ['GET', '/__mockchat/db/settings', 200],
    ['GET', '/__mockchat/db/settings/Site_Name', 200],
    ['PATCH', '/__mockchat/db/settings/Site_Name', 200, { value: 'Mock' }],
    ['PUT', '/__mockchat/db/settings/Site_Name', 400, { value: 1 }],
    ['GET', '/__mockchat/db/permissions', 200],
    ['GET', '/__mockchat/db/permissions/create-user', 200],
    ['PUT', '/__mockchat/db/permissions/create-user', 200, { roles: ['admin'] }],
    ['GET', '/__mockchat/db/sc_users', 200],
    ['GET', '/__mockchat/db/sc_users/1', 200],
    ['POST', '/__mockchat/reset', 200, {}],
    ['GET', '/__mockchat/ui/nope.js', 404],
    ['GET', '/__mockchat/events?backlog=x', 400],
  ];

  it('every route answers with the documented status and a body its schema accepts', async () => {
    const api = client(mock);
    for (const [method, url, status, body, headers] of calls) {
      const res = await api.call(method, url, body, headers);
      expect(res.status, `${method} ${url} ${JSON.stringify(res.body)}`).toBe(status);
      if (!url.startsWith('/__mockchat')) continue;
      const path = Object.keys(spec.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url.split('?')[0]))!;
      expect(path, url).toBeDefined();
      const response = spec.paths[path][method.toLowerCase()].responses[String(status)];
      expect(response, `${method} ${path} ${status} is documented`).toBeDefined();
      const ref = response.$ref ? `${SPEC_ID}${response.$ref}/content/application~1json/schema` : pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema');
      expect(validate(ref, res.body), `${method} ${url}`).toEqual([]);
    }
  });
});
