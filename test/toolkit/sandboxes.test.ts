import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp, refusedUpgrade } from '../support/ddp-client.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const SEEDED = 5;
const sam = { username: 'sam', email: 'sam@example.com', pass: 'sam-password', name: 'Sam' };
const in_ = (name: string) => ({ 'x-mockchat-sandbox': name });

describe('sandboxes: isolated state per X-Mockchat-Sandbox / ?sandbox=', () => {
  let mock: Mockchat;
  let api: ReturnType<typeof client>;
  const login = (user: string, password: string, headers: Record<string, string> = {}) => api.call('POST', '/api/v1/login', { user, password }, headers);

  beforeAll(async () => {
    mock = await startMockchat();
    api = client(mock);
  });
  afterEach(async () => {
    mock.reset();
    expect((await api.call('DELETE', '/__mockchat/sandboxes')).body).toEqual({ sandboxes: [] });
  });
  afterAll(() => mock.close());

  it('a user registered in sandbox a is invisible to sandbox b and to the main workspace', async () => {
    expect(await api.post('/api/v1/users.register', sam, in_('a'))).toMatchObject({ status: 200, body: { success: true, user: { username: 'sam' } } });

    expect((await login('sam', sam.pass, in_('a'))).status).toBe(200);
    expect((await login('sam', sam.pass, in_('b'))).status).toBe(401);
    expect((await login('sam', sam.pass)).status).toBe(401);

    const adminOf = async (headers: Record<string, string>) => ({ ...headers, ...(await (await login('admin', 'admin', headers)).body.data) });
    const info = async (headers: Record<string, string>) => {
      const auth = await adminOf(headers);
      return api.get('/api/v1/users.info?username=sam', { ...headers, 'x-user-id': auth.userId, 'x-auth-token': auth.authToken });
    };
    expect(await info(in_('a'))).toMatchObject({ status: 200, body: { success: true, user: { username: 'sam' } } });
    expect((await info(in_('b'))).body.success).toBe(false);
    expect((await info({})).body.success).toBe(false);

    expect(mock.users.findByUsername('sam')).toBeUndefined();
    expect(mock.sandbox('a').workspace.findByUsername('sam')).toBeDefined();
    expect(mock.sandbox('b').workspace.findByUsername('sam')).toBeUndefined();
    // the same username is free elsewhere
    expect((await api.post('/api/v1/users.register', sam, in_('b'))).status).toBe(200);
  });

  it('each sandbox starts from the seed (admin, alice exist)', async () => {
    await api.post('/api/v1/users.register', sam);
    for (const name of ['fresh-1', 'fresh_2', 'Fresh.3']) {
      expect((await login('admin', 'admin', in_(name))).status).toBe(200);
      expect((await login('alice', 'alice-password', in_(name))).status).toBe(200);
      expect((await login('sam', sam.pass, in_(name))).status).toBe(401);
      expect((await api.get('/__mockchat/health', in_(name))).body).toMatchObject({ users: SEEDED });
    }
    expect((await api.get('/__mockchat/health')).body).toMatchObject({ users: SEEDED + 1 });
  });

  it('DDP ?sandbox=a shares sandbox a with REST requests carrying the header', async () => {
    const ddp = await RawDdp.connect(`${mock.wsUrl}?sandbox=a`);
    await ddp.apply('registerUser', { email: 'dana@example.com', pass: 'dana-password', name: 'Dana' });
    expect((await login('dana@example.com', 'dana-password', in_('a'))).status).toBe(200);
    expect((await login('dana@example.com', 'dana-password')).status).toBe(401);

    await api.post('/api/v1/users.register', sam, in_('a'));
    expect(await ddp.apply('login', { user: { username: 'sam' }, password: sam.pass })).toMatchObject({ type: 'password' });
    ddp.close();

    const main = await RawDdp.connect(mock.wsUrl);
    expect((await main.call('login', { user: { username: 'sam' }, password: sam.pass })).result.error).toMatchObject({ error: 401, reason: 'User not found' });
    main.close();
    expect(mock.journal.find({ sandbox: 'a', transport: 'ddp', operation: 'registerUser' })).toHaveLength(1);
  });

  it('GET /__mockchat/sandboxes lists them; DELETE /__mockchat/sandboxes/:name removes one', async () => {
    await api.post('/api/v1/users.register', sam, in_('a'));
    await api.get('/api/info', in_('b'));
    const listed = await api.get('/__mockchat/sandboxes');
    expect(listed).toMatchObject({ status: 200, body: { max: 64 } });
    expect(listed.body.sandboxes).toEqual([
      { name: 'a', users: SEEDED + 1, createdAt: expect.any(String), scenario: [] },
      { name: 'b', users: SEEDED, createdAt: expect.any(String), scenario: [] },
    ]);
    expect(mock.sandboxes()).toEqual(['a', 'b']);

    const deleted = await api.call('DELETE', '/__mockchat/sandboxes/a');
    expect(deleted).toMatchObject({ status: 200, body: { deleted: 'a', sandboxes: [{ name: 'b' }] } });
    expect(mock.sandboxes()).toEqual(['b']);
    // used again, a starts over from the seed
    expect((await login('sam', sam.pass, in_('a'))).status).toBe(401);

    const missing = await api.call('DELETE', '/__mockchat/sandboxes/nope');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'MOCKCHAT_ERR_SANDBOX', message: expect.stringContaining('"nope"') } } });
  });

  it('refuses an invalid sandbox name over REST, the admin API, DDP and the API', async () => {
    const rest = await api.get('/api/info', in_('bad name!'));
    expect(rest).toMatchObject({ status: 400, body: { success: false, errorType: 'MOCKCHAT_ERR_SANDBOX', error: expect.stringContaining('Invalid sandbox name') } });
    const admin = await api.get('/__mockchat/scenario', in_('x'.repeat(65)));
    expect(admin).toMatchObject({ status: 400, body: { error: { code: 'MOCKCHAT_ERR_SANDBOX' } } });
    // The upgrade is refused with the body REST gives.
    const ddp = await refusedUpgrade(`${mock.wsUrl}?sandbox=${encodeURIComponent('bad/name')}`);
    expect(ddp.status).toBe(400);
    expect(JSON.parse(ddp.body)).toEqual({ success: false, errorType: 'MOCKCHAT_ERR_SANDBOX', error: expect.stringContaining('Invalid sandbox name') });
    expect(() => mock.sandbox('bad name')).toThrow(/Invalid sandbox name/);
    expect(mock.sandboxes()).toEqual([]);
  });

  it('PUT /__mockchat/scenario with the sandbox header changes only that sandbox', async () => {
    const put = await api.call('PUT', '/__mockchat/scenario', { name: 'registration-disabled' }, in_('a'));
    expect(put).toMatchObject({ status: 200, body: { active: ['registration-disabled'] } });

    expect(await api.post('/api/v1/users.register', sam, in_('a'))).toMatchObject({ status: 400, body: { errorType: 'error-user-registration-disabled' } });
    expect((await api.post('/api/v1/users.register', sam, in_('b'))).status).toBe(200);
    expect((await api.post('/api/v1/users.register', sam)).status).toBe(200);
    expect(mock.scenarios().active).toEqual([]);
    expect((await api.get('/__mockchat/scenario', in_('a'))).body.active).toEqual(['registration-disabled']);
    expect((await api.get('/__mockchat/sandboxes')).body.sandboxes).toMatchObject([{ name: 'a', scenario: ['registration-disabled'] }, { name: 'b', scenario: [] }]);

    const ddp = await RawDdp.connect(`${mock.wsUrl}?sandbox=a`);
    expect((await ddp.call('registerUser', { email: 'x@example.com', pass: 'p', name: 'X' })).result.error).toMatchObject({ error: 'error-user-registration-disabled' });
    ddp.close();

    expect((await api.post('/__mockchat/reset', {}, in_('a'))).body).toMatchObject({ status: 'reset', active: [] });
    expect((await api.post('/api/v1/users.register', sam, in_('a'))).status).toBe(200);
  });

  it('mock.sandbox(name) gives the tenant: workspace, scenarios and reset', async () => {
    const x = mock.sandbox('x');
    expect(x.name).toBe('x');
    expect(mock.sandboxes()).toEqual(['x']);
    expect(x.workspace.findByUsername('alice')).toBeDefined();
    expect(mock.sandbox('x')).toBe(x);

    x.scenarios.use('registration-disabled');
    expect((await api.post('/api/v1/users.register', sam, in_('x'))).body.errorType).toBe('error-user-registration-disabled');
    x.scenarios.reset();
    expect((await api.post('/api/v1/users.register', sam, in_('x'))).status).toBe(200);
    expect(x.workspace.findByUsername('sam')).toBeDefined();
    x.reset();
    expect(x.workspace.findByUsername('sam')).toBeUndefined();
    expect(x.workspace.users.size).toBe(SEEDED);
  });
});

describe('sandboxes are bounded', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat({ maxSandboxes: 2 });
  });
  afterAll(() => mock.close());

  it('refuses a third sandbox with 400 and a clear message, until one is deleted', async () => {
    const api = client(mock);
    expect((await api.get('/api/info', in_('one'))).status).toBe(200);
    expect((await api.get('/api/info', in_('two'))).status).toBe(200);
    const third = await api.get('/api/info', in_('three'));
    expect(third.status).toBe(400);
    expect(third.body.error).toBe('[mockchat] Too many sandboxes (2); delete some with DELETE /__mockchat/sandboxes/NAME.');
    // Read-only admin routes ignore the header and never create a sandbox …
    expect((await api.get('/__mockchat/health', in_('three'))).status).toBe(200);
    expect((await api.get('/__mockchat/sandboxes', in_('three'))).body.sandboxes).toHaveLength(2);
    // … routes that act on the sandbox refuse it.
    expect(await api.get('/__mockchat/scenario', in_('three'))).toMatchObject({ status: 400, body: { error: { code: 'MOCKCHAT_ERR_SANDBOX', message: expect.stringContaining('Too many sandboxes') } } });
    await expect(RawDdp.open(`${mock.wsUrl}?sandbox=three`)).rejects.toThrow(/400/);
    expect(() => mock.sandbox('three')).toThrow(/Too many sandboxes/);
    // existing ones still work
    expect((await api.get('/api/info', in_('one'))).status).toBe(200);

    expect((await api.get('/__mockchat/sandboxes')).body).toMatchObject({ max: 2, sandboxes: [{ name: 'one' }, { name: 'two' }] });
    expect((await api.call('DELETE', '/__mockchat/sandboxes/one')).status).toBe(200);
    expect((await api.get('/api/info', in_('three'))).status).toBe(200);
    expect(mock.sandboxes()).toEqual(['two', 'three']);
  });
});
