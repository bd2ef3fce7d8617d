import EJSON from 'ejson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/rocketchat/methods.js';
import { UNEMULATED_METHODS } from '../../src/rocketchat/unemulated-methods.js';
import { callChecked, ddpContract, expectContractResult, MATCH_FAILED } from '../support/ddp-contract.js';
import { useMockchat } from '../support/start-mockchat.js';

const EMULATED = Object.keys(METHODS).filter((m) => !(UNEMULATED_METHODS as readonly string[]).includes(m));
const form = { email: 'jane@example.com', pass: 'Secret-123', name: 'Jane Doe' };
const adminLogin = { user: { username: 'admin' }, password: 'admin' };

// What the real server's check() rejects, per method: Meteor's sanitised "Match failed [400]".
const rejected: Array<[string, unknown[]]> = [
  ['registerUser', []],
  ['registerUser', ['jane@example.com']],
  ['registerUser', [{ ...form, pass: 123 }]],
  ['registerUser', [{ email: 'jane@example.com', pass: 'Secret-123' }]],
  ['registerUser', [{ ...form, secretURL: null }]],
  ['login', []],
  ['login', ['admin']],
  ['login', [{ resume: 42 }]],
  ['login', [{ user: { username: 'admin', email: 'admin@example.com' }, password: 'admin' }]],
  ['login', [{ user: { username: '' }, password: 'admin' }]],
  ['login', [{ user: { name: 'admin' }, password: 'admin' }]],
  ['login', [{ user: 'admin', password: 'admin' }]],
  ['login', [{ ...adminLogin, extra: true }]],
  ['login', [{ user: { username: 'admin' }, password: 'x'.repeat(257) }]],
  ['login', [{ user: { username: 'admin' }, password: { digest: 'abc', algorithm: 'sha-256' } }]],
  ['login', [{ user: { username: 'admin' }, password: { digest: 'a'.repeat(64), algorithm: 'md5' } }]],
  ['login', [{ ...adminLogin, code: '' }]],
  ['login', [{ password: 'admin' }]],
  ['setUsername', []],
  ['setUsername', [42]],
  ['checkRegistrationSecretURL', []],
  ['checkRegistrationSecretURL', [null]],
];

// Inputs the real server lets past check(): they must not be Match failures.
const accepted: Array<[string, unknown[], unknown]> = [
  ['login', [{ token: 'x' }], expect.objectContaining({ error: 401, reason: 'User not found' })],
  ['login', [{ ...adminLogin, password: 'x'.repeat(256) }], expect.objectContaining({ error: 401 })],
  ['logout', [42, 'anything'], undefined],
  ['getUsernameSuggestion', [{ any: 'thing' }], expect.objectContaining({ error: 'error-invalid-user' })],
  ['public-settings/get', [null], undefined],
  ['registerUser', [{ ...form, extra: { nested: true } }], undefined],
];

/** Boundary inputs of each check, tried first by the agreement property below (with the tables above). */
const EDGES: Array<[string, unknown[]]> = [
  ['login', [{ ...adminLogin, password: 'x'.repeat(256) }]],
  ['login', [{ user: { username: 'admin' }, password: { digest: 'a'.repeat(64), algorithm: 'sha-256' } }]],
  ['login', [{ user: { username: 'admin' }, password: { digest: 'a'.repeat(64), algorithm: 'sha-256', salt: 'x' } }]],
  ['login', [{ user: { username: 'admin' }, password: { digest: 'a'.repeat(63), algorithm: 'sha-256' } }]],
  ['login', [{ ...adminLogin, code: null }]],
  ['login', [{ ...adminLogin, code: '123456' }]],
  ['login', [{ resume: '', user: 5, password: '' }]],
  ['login', [{ resume: 0, password: 'x', user: { id: 'abc' } }]],
  ['login', [{ user: {}, password: 'admin' }]],
  ['login', [{ user: { id: null }, password: 'admin' }]],
  ['registerUser', [{ ...form, secretURL: {} }]],
  ['registerUser', [{ ...form, reason: 5 }]],
  ['registerUser', [{ ...form, reason: 'why' }]],
  ['registerUser', [[form]]],
  ['setUsername', ['', 5]],
  ['checkRegistrationSecretURL', ['']],
];

describe('DDP contract (specs/rocketchat.ddp.yaml)', () => {
  const t = useMockchat();

  it('describes every emulated method, and only those', () => {
    expect(ddpContract.methods().sort()).toEqual([...EMULATED].sort());
  });

  it.each(rejected)('%s %j → Match failed [400]', async (method, params) => {
    const ddp = await t.ddp();
    const { result } = await ddp.call(method, ...params);
    expect(result.error).toEqual(MATCH_FAILED);
  });

  it.each(accepted)('%s %j passes check()', async (method, params, error) => {
    const ddp = await t.ddp();
    const { result } = await ddp.call(method, ...params);
    expect(result.error).toEqual(error);
  });

  it('registerUser skips its check() in the anonymous branch (AllowAnonymousRead and Write, no email)', async () => {
    t.mock.workspace.settings.set('Accounts_AllowAnonymousRead', true);
    t.mock.workspace.settings.set('Accounts_AllowAnonymousWrite', true);
    const ddp = await t.ddp();
    await callChecked(ddp, 'registerUser', { pass: 7 });
    expect((await ddp.call('registerUser', { email: 'x@example.com', pass: 7 })).result.error).toEqual(MATCH_FAILED);
  });

  it('successful results of every emulated method match their result schemas', async () => {
    const ddp = await t.ddp();
    expect(await callChecked(ddp, 'registerUser', form)).toMatch(/^\w{17}$/);
    const login = await callChecked(ddp, 'login', { user: { email: form.email }, password: form.pass });
    await callChecked(ddp, 'getUsernameSuggestion');
    expect(await callChecked(ddp, 'setUsername', 'jane.doe')).toBe('jane.doe');
    expect(await callChecked(ddp, 'checkRegistrationSecretURL', 'wrong')).toBe(false);
    expect((await callChecked(ddp, 'public-settings/get')).length).toBeGreaterThan(0);
    expect((await callChecked(await t.ddp(), 'login', { resume: login.token })).type).toBe('resume');
    expect(await callChecked(ddp, 'logout')).toBeUndefined();
  });

  it('the result check can fail: a frame that breaks the schema is reported', () => {
    expect(ddpContract.resultProblem('login', { result: { id: 'x', token: 't', tokenExpires: 5, type: 'password' } })).toContain('/tokenExpires');
    expect(ddpContract.resultProblem('logout', { result: null })).toContain('returns nothing');
    expect(() => expectContractResult('checkRegistrationSecretURL', { result: 'yes' })).toThrow();
  });
});

// The contract must reject exactly what the methods' own check() calls reject. The method.call
// bridge runs those checks without the contract and reports their Match.Error unsanitised, so
// for random params: contract rejects ⇔ the bridge answers a Match.Error.
describe('the contract agrees with the methods’ own check() calls', () => {
  const t = useMockchat();
  const bridge = async (method: string, params: unknown[]) => {
    const r = await t.api.post(`/api/v1/method.callAnon/${encodeURIComponent(method)}`, { message: EJSON.stringify({ msg: 'method', id: '1', method, params } as never) });
    return EJSON.parse(r.body.message as string) as { error?: { errorType?: string } };
  };
  const setting = { get: (id: string) => t.mock.workspace.settings.get(id) };

  const scalar = fc.oneof(fc.constantFrom('', 'admin', 'admin@example.com', 'x'.repeat(256), 'x'.repeat(257), 'a'.repeat(64)), fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null));
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'id', 'email'), scalar, { maxKeys: 2 }));
  const userQuery = fc.oneof(value, fc.dictionary(fc.constantFrom('id', 'username', 'email', 'name'), scalar, { maxKeys: 3 }));
  const password = fc.oneof(scalar, fc.constantFrom('x'.repeat(256), 'x'.repeat(257), 'ok'), fc.record({ digest: fc.constantFrom('a'.repeat(63), 'a'.repeat(64), 'b'.repeat(65)), algorithm: fc.constantFrom('sha-256', 'md5') }, { requiredKeys: [] }));
  // Mostly-valid inputs with one or two keys changed find the edges of each check; fully random ones the rest.
  const perturbed = (base: Record<string, unknown>, keys: string[], pick: (key: string) => fc.Arbitrary<unknown>) =>
    fc.array(fc.constantFrom(...keys), { minLength: 0, maxLength: 2 }).chain((changed) =>
      fc.tuple(...changed.map(pick), fc.boolean()).map((values) => {
        const out: Record<string, unknown> = { ...base };
        changed.forEach((key, i) => (values[i] === undefined || (values.at(-1) && i === 0) ? delete out[key] : (out[key] = values[i])));
        return out;
      }),
    );
  const loginOptions = fc.oneof(
    value,
    fc.record({ user: userQuery, password, resume: fc.oneof(scalar, value), code: scalar, extra: scalar }, { requiredKeys: [] }),
    perturbed({ user: { username: 'admin' }, password: 'admin' }, ['user', 'password', 'resume', 'code', 'extra'], (k) => (k === 'user' ? userQuery : k === 'password' ? password : scalar)),
    perturbed({ user: { username: 'admin' }, password: 'admin' }, ['user'], () => perturbed({ username: 'admin' }, ['id', 'username', 'email', 'name'], () => scalar)),
  );
  const registerForm = fc.oneof(
    value,
    fc.record({ email: scalar, pass: scalar, name: scalar, secretURL: scalar, reason: scalar, other: value }, { requiredKeys: [] }),
    perturbed({ email: 'new@example.com', pass: 'Secret-123', name: 'New' }, ['email', 'pass', 'name', 'secretURL', 'reason', 'other'], () => value),
  );
  const cases: Array<[string, fc.Arbitrary<readonly unknown[]>]> = [
    ['login', fc.oneof(fc.constant([]), fc.tuple(loginOptions))],
    ['registerUser', fc.oneof(fc.constant([]), fc.tuple(registerForm))],
    ['setUsername', fc.oneof(fc.constant([]), fc.tuple(value), fc.tuple(value, value))],
    ['checkRegistrationSecretURL', fc.oneof(fc.constant([]), fc.tuple(value))],
  ];

  it.each(cases)('%s', async (method, params) => {
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const rejects = ddpContract.paramsProblem(method, [...p], setting) !== undefined;
        const answer = await bridge(method, [...p]);
        expect({ params: p, rejects }).toEqual({ params: p, rejects: answer.error?.errorType === 'Match.Error' });
      }),
      { numRuns: 300, seed: 8, examples: [...rejected, ...accepted, ...EDGES].filter(([m]) => m === method).map(([, p]): [unknown[]] => [p]) },
    );
  }, 60_000);
});
