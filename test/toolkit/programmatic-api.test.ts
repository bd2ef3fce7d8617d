import { afterAll, describe, expect, it } from 'vitest';
import type { Mockchat, UserDoc } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { startMockchat, useMockchat } from '../support/start-mockchat.js';

const SEED = 42;
const GENERATED = 20;
const FIXED = ['admin', 'alice', 'bob', 'carol', 'bot.helper'];
const jane = { username: 'jane', email: 'jane@example.com', pass: 's3cret!', name: 'Jane' };

/** Id, username and email of every user, in insertion order. */
const identities = (mock: Mockchat) => mock.snapshot().users.map((u) => ({ id: u._id, username: u.username, email: u.emails[0]?.address }));

describe('programmatic API: createMockchat()', () => {
  const t = useMockchat({ seed: SEED, users: GENERATED, scenario: 'registration-disabled' });

  it('exposes url, wsUrl and port of a real server on a free port', async () => {
    expect(t.mock.port).toBeGreaterThan(0);
    expect(t.mock.url).toBe(`http://127.0.0.1:${t.mock.port}`);
    expect(t.mock.wsUrl).toBe(`ws://127.0.0.1:${t.mock.port}/websocket`);
    expect(await t.api.get('/api/info')).toMatchObject({ status: 200, body: { success: true } });
    const ddp = await RawDdp.connect(t.mock.wsUrl);
    ddp.close();
  });

  it('gives admin credentials that log in over REST', async () => {
    expect(t.mock.admin).toEqual({ username: 'admin', password: 'admin', userId: expect.any(String) });
    const res = await t.api.post('/api/v1/login', { user: t.mock.admin.username, password: t.mock.admin.password });
    expect(res.status).toBe(200);
    expect(res.body.data.userId).toBe(t.mock.admin.userId);
    const me = await t.api.get('/api/v1/me', await t.api.login(t.mock.admin.username, t.mock.admin.password));
    expect(me.body).toMatchObject({ success: true, username: 'admin', roles: ['admin'] });
  });

  it('seeds the fixed users plus `users` generated ones', () => {
    expect(t.mock.users.count()).toBe(FIXED.length + GENERATED);
    expect(identities(t.mock).slice(0, FIXED.length).map((u) => u.username)).toEqual(FIXED);
  });

  it('gives typed access to users by username and by email (case-insensitive)', () => {
    const alice: UserDoc | undefined = t.mock.users.findByUsername('alice');
    expect(alice).toMatchObject({ username: 'alice', name: 'Alice Liddell', active: true, roles: ['user'] });
    expect(alice!.emails).toEqual([{ address: 'alice@example.com', verified: true }]);
    expect(t.mock.users.findByEmail('ALICE@example.com')?._id).toBe(alice!._id);
    expect(t.mock.users.findByUsername('Alice')?._id).toBe(alice!._id);
    expect(t.mock.users.findByUsername('nobody')).toBeUndefined();
    expect(t.mock.users.findByEmail('nobody@example.com')).toBeUndefined();
  });

  it('starts with the base scenario active', async () => {
    expect(t.mock.scenarios().active).toEqual(['registration-disabled']);
    const res = await t.api.post('/api/v1/users.register', jane);
    expect(res).toMatchObject({ status: 400, body: { errorType: 'error-user-registration-disabled' } });
  });

  it('reset() restores the seeded users and the base scenario', async () => {
    t.mock.useScenario([]);
    expect(t.mock.scenarios().active).toEqual([]);
    expect((await t.api.post('/api/v1/users.register', jane)).status).toBe(200);
    expect(t.mock.users.findByUsername('jane')).toBeDefined();
    t.mock.workspace.settings.set('Accounts_RequireNameForSignUp', false);

    t.mock.reset();

    expect(t.mock.users.findByUsername('jane')).toBeUndefined();
    expect(t.mock.users.count()).toBe(FIXED.length + GENERATED);
    expect(t.mock.workspace.settings.get('Accounts_RequireNameForSignUp')).toBe(true);
    expect(t.mock.scenarios().active).toEqual(['registration-disabled']);
    expect((await t.api.post('/api/v1/users.register', jane)).body.errorType).toBe('error-user-registration-disabled');
  });

  it('reset() revokes login tokens issued since the seed', async () => {
    const auth = await t.api.login('alice', 'alice-password');
    expect((await t.api.get('/api/v1/me', auth)).status).toBe(200);
    t.mock.reset();
    expect((await t.api.get('/api/v1/me', auth)).status).toBe(401);
  });

  it('snapshot() / restore() bring back users and settings', async () => {
    t.mock.useScenario([]);
    const before = t.mock.snapshot();
    expect(before.users).toHaveLength(FIXED.length + GENERATED);

    expect((await t.api.post('/api/v1/users.register', jane)).status).toBe(200);
    t.mock.workspace.settings.set('Accounts_RegistrationForm', 'Disabled');
    const after = t.mock.snapshot();

    t.mock.restore(before);
    expect(t.mock.users.findByUsername('jane')).toBeUndefined();
    expect(t.mock.workspace.settings.get('Accounts_RegistrationForm')).toBe('Public');

    t.mock.restore(after);
    expect(t.mock.users.findByUsername('jane')).toMatchObject({ name: 'Jane' });
    const login = await t.api.post('/api/v1/login', { user: 'jane', password: jane.pass });
    expect(login.status).toBe(200);
    // a snapshot is a deep copy: changing the state does not change it
    expect(after.users.find((u) => u.username === 'jane')).toBeDefined();
    expect(before.users.find((u) => u.username === 'jane')).toBeUndefined();
  });

  it('useScenario() / resetScenario() switch the active set', async () => {
    t.mock.useScenario('name-required');
    expect(t.mock.scenarios().active).toEqual(['name-required']);
    t.mock.resetScenario();
    expect(t.mock.scenarios().active).toEqual(['registration-disabled']);
    expect(t.mock.scenarios().known.map((s) => s.name)).toContain('rate-limited');
  });
});

describe('programmatic API: seeds are deterministic', () => {
  const started: Mockchat[] = [];
  const start = async (seed: number) => {
    const mock = await startMockchat({ seed, users: GENERATED });
    started.push(mock);
    return mock;
  };
  afterAll(() => Promise.all(started.map((m) => m.close())));

  it('the same seed gives the same users (ids, usernames, emails); another seed differs', async () => {
    const [a, b, c] = await Promise.all([start(SEED), start(SEED), start(SEED + 1)]);
    const [ia, ib, ic] = [identities(a), identities(b), identities(c)];
    expect(ia).toHaveLength(FIXED.length + GENERATED);
    expect(ib).toEqual(ia);
    expect(new Set(ia.map((u) => u.id)).size).toBe(ia.length);

    const generated = (list: typeof ia) => list.slice(FIXED.length);
    expect(generated(ic).map((u) => u.username)).not.toEqual(generated(ia).map((u) => u.username));
    expect(generated(ic).map((u) => u.email)).not.toEqual(generated(ia).map((u) => u.email));
    expect(ic.map((u) => u.id)).not.toEqual(ia.map((u) => u.id));
    for (const u of generated(ia)) expect(u.email).toBe(`${u.username}@example.com`);
  });
});

describe('programmatic API: close()', () => {
  it('is safe to call twice and ends an open DDP WebSocket', async () => {
    const mock = await startMockchat();
    const ddp = await RawDdp.connect(mock.wsUrl);
    expect((await ddp.call('login', { user: { username: 'admin' }, password: 'admin' })).result.result).toBeDefined();

    await mock.close();
    const closed = await ddp.closed;
    // 1001 "going away" from close(), not an abnormal 1006 from a dropped socket.
    expect(closed.code).toBe(1001);
    await expect(mock.close()).resolves.toBeUndefined();
    await expect(fetch(`${mock.url}/api/info`)).rejects.toThrow();
  });

  it('close() called twice concurrently resolves both', async () => {
    const mock = await startMockchat();
    await expect(Promise.all([mock.close(), mock.close()])).resolves.toEqual([undefined, undefined]);
  });
});
