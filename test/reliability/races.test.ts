import { describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { useMockchat } from '../support/start-mockchat.js';

const DUPLICATE = { success: false, error: 'Something went wrong. Please check your credentials. [403]', errorType: 403 };
const DUPLICATE_DDP = { isClientSafe: true, error: 403, reason: 'Something went wrong. Please check your credentials.', message: 'Something went wrong. Please check your credentials. [403]', errorType: 'Meteor.Error' };
/** The email in a different case for every caller: `Race@Example.com`, `rACE@example.COM`, … */
const emailVariant = (i: number) => [...'race@example.com'].map((c, j) => ((i >> j % 8) & 1 ? c.toUpperCase() : c)).join('');

describe('concurrent registrations of the same account (200 at once, every transport)', () => {
  const t = useMockchat();

  it('the same email in different case over REST, DDP and method.callAnon: exactly one succeeds', async () => {
    const rest = Array.from({ length: 80 }, (_, i) => t.api.post('/api/v1/users.register', { username: `race.rest${i}`, email: emailVariant(i), pass: 'Race-1', name: 'Race' }));
    const bridge = Array.from({ length: 60 }, (_, i) =>
      t.api.post('/api/v1/method.callAnon/registerUser', { message: JSON.stringify({ msg: 'method', id: `b${i}`, method: 'registerUser', params: [{ email: emailVariant(i + 80), pass: 'Race-1', name: 'Race' }] }) }),
    );
    const sockets = await Promise.all(Array.from({ length: 60 }, () => RawDdp.connect(t.mock.wsUrl)));
    const ddp = sockets.map((s, i) => s.call('registerUser', { email: emailVariant(i + 140), pass: 'Race-1', name: 'Race' }));
    const [restAnswers, bridgeAnswers, ddpAnswers] = await Promise.all([Promise.all(rest), Promise.all(bridge), Promise.all(ddp)]);
    for (const s of sockets) s.close();

    const restOk = restAnswers.filter((r) => r.status === 200);
    const bridgeResults = bridgeAnswers.map((r) => JSON.parse(r.body.message));
    const bridgeOk = bridgeResults.filter((m) => typeof m.result === 'string');
    const ddpOk = ddpAnswers.filter((a) => typeof a.result.result === 'string');
    expect(restOk.length + bridgeOk.length + ddpOk.length).toBe(1);
    for (const r of restAnswers.filter((x) => x.status !== 200)) expect(r).toMatchObject({ status: 400, body: DUPLICATE });
    for (const m of bridgeResults.filter((x) => x.error)) expect(m.error).toEqual(DUPLICATE_DDP);
    for (const a of ddpAnswers.filter((x) => x.result.error)) expect(a.result.error).toEqual(DUPLICATE_DDP);
    expect([...t.mock.workspace.users.values()].filter((u) => u.emails[0]?.address === 'race@example.com')).toHaveLength(1);
  });

  it('the same username in different case over users.register: exactly one succeeds, the rest are told it is in use', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.api.post('/api/v1/users.register', { username: i % 2 ? 'Race.Name' : 'race.name', email: `r${i}@example.com`, pass: 'Race-1', name: 'Race' })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) expect(r.body).toEqual({ success: false, error: 'Username is already in use' });
    expect(t.mock.users.findByUsername('RACE.NAME')).toBeDefined();
  });

  it('the same username in different case over users.register, DDP setUsername and method.call setUsername: exactly one succeeds', async () => {
    const variant = (i: number) => (i % 3 === 0 ? 'Race.Name' : i % 3 === 1 ? 'race.name' : 'RACE.name');
    // Accounts without a username yet (registerUser over DDP and the bridge), logged in.
    const sockets = await Promise.all(Array.from({ length: 60 }, () => RawDdp.connect(t.mock.wsUrl)));
    await Promise.all(sockets.map(async (s, i) => {
      await s.apply('registerUser', { email: `d${i}@example.com`, pass: 'Race-1', name: 'Race' });
      await s.apply('login', { user: { email: `d${i}@example.com` }, password: 'Race-1' });
    }));
    const bridgeAuth = await Promise.all(Array.from({ length: 60 }, async (_, i) => {
      const call = (method: string, params: unknown[]) => ({ message: JSON.stringify({ msg: 'method', id: String(i), method, params }) });
      await t.api.post('/api/v1/method.callAnon/registerUser', call('registerUser', [{ email: `b${i}@example.com`, pass: 'Race-1', name: 'Race' }]));
      return { auth: await t.api.login(`b${i}@example.com`, 'Race-1'), call };
    }));

    const [restAnswers, ddpAnswers, bridgeAnswers] = await Promise.all([
      Promise.all(Array.from({ length: 80 }, (_, i) => t.api.post('/api/v1/users.register', { username: variant(i), email: `r${i}@example.com`, pass: 'Race-1', name: 'Race' }))),
      Promise.all(sockets.map((s, i) => s.call('setUsername', variant(i)))),
      Promise.all(bridgeAuth.map(({ auth, call }, i) => t.api.post('/api/v1/method.call/setUsername', call('setUsername', [variant(i)]), auth))),
    ]);
    for (const s of sockets) s.close();

    const bridgeResults = bridgeAnswers.map((r) => JSON.parse(r.body.message));
    const wins = restAnswers.filter((r) => r.status === 200).length + ddpAnswers.filter((a) => !a.result.error).length + bridgeResults.filter((m) => !m.error).length;
    expect(wins).toBe(1);
    for (const r of restAnswers.filter((x) => x.status !== 200)) expect(r.body).toEqual({ success: false, error: 'Username is already in use' });
    for (const a of ddpAnswers.filter((x) => x.result.error)) expect(a.result.error).toMatchObject({ error: 'error-field-unavailable', reason: expect.stringMatching(/^<strong>race\.name<\/strong> is already in use :\($/i) });
    for (const m of bridgeResults.filter((x) => x.error)) expect(m.error).toMatchObject({ error: 'error-field-unavailable', reason: expect.stringMatching(/^<strong>race\.name<\/strong> is already in use :\($/i) });
    expect([...t.mock.workspace.users.values()].filter((u) => u.username?.toLowerCase() === 'race.name')).toHaveLength(1);
  });

  it('users.create: the same username, then the same email in different case, exactly one each', async () => {
    const admin = await t.api.login('admin', 'admin');
    const byName = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.api.post('/api/v1/users.create', { username: 'made.once', email: `m${i}@example.com`, password: 'p', name: 'M' }, admin)),
    );
    expect(byName.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of byName.filter((x) => x.status !== 200)) {
      expect(r.body).toEqual({ success: false, error: 'made.once is already in use :( [error-field-unavailable]', errorType: 'error-field-unavailable', details: { method: 'insertOrUpdateUser', field: 'made.once' } });
    }
    const byEmail = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.api.post('/api/v1/users.create', { username: `made${i}`, email: emailVariant(i), password: 'p', name: 'M' }, admin)),
    );
    expect(byEmail.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of byEmail.filter((x) => x.status !== 200)) expect(r.body.error).toMatch(/^race@example\.com is already in use :\( \[error-field-unavailable\]$/i);
  });
});
