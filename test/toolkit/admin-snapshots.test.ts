import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

const SEEDED = 5;
const register = (username: string) => ({ username, email: `${username}@example.com`, pass: 'p4ss-word', name: username });

describe('admin API: snapshots, reset, health', () => {
  const t = useMockchat();

  it('POST /__mockchat/snapshots answers 201 {id}; restoring it removes users registered since', async () => {
    const taken = await t.api.post('/__mockchat/snapshots');
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ id: expect.stringMatching(/^snap-\d+$/) });

    expect((await t.api.post('/api/v1/users.register', register('jane'))).status).toBe(200);
    expect(t.mock.users.findByUsername('jane')).toBeDefined();

    const restored = await t.api.post(`/__mockchat/snapshots/${taken.body.id}/restore`);
    expect(restored).toMatchObject({ status: 200, body: { restored: taken.body.id, users: SEEDED } });
    expect(t.mock.users.findByUsername('jane')).toBeUndefined();
    expect((await t.api.post('/api/v1/login', { user: 'jane', password: 'p4ss-word' })).status).toBe(401);
  });

  it('generated ids are distinct', async () => {
    const a = (await t.api.post('/__mockchat/snapshots')).body.id;
    const b = (await t.api.post('/__mockchat/snapshots')).body.id;
    expect(a).not.toBe(b);
  });

  it('takes a named snapshot and restores it, also with a trailing slash', async () => {
    expect((await t.api.post('/api/v1/users.register', register('kept'))).status).toBe(200);
    expect(await t.api.post('/__mockchat/snapshots', { id: 'before' })).toMatchObject({ status: 201, body: { id: 'before' } });
    expect((await t.api.post('/api/v1/users.register', register('dropped'))).status).toBe(200);

    expect(await t.api.post('/__mockchat/snapshots/before/restore/')).toMatchObject({ status: 200, body: { restored: 'before', users: SEEDED + 1 } });
    expect(t.mock.users.findByUsername('kept')).toBeDefined();
    expect(t.mock.users.findByUsername('dropped')).toBeUndefined();
    // a snapshot survives reset() and can be restored again
    t.mock.reset();
    expect((await t.api.post('/__mockchat/snapshots/before/restore')).status).toBe(200);
    expect(t.mock.users.findByUsername('kept')).toBeDefined();
  });

  it('taking a snapshot with an existing id replaces it', async () => {
    await t.api.post('/__mockchat/snapshots', { id: 'same' });
    await t.api.post('/api/v1/users.register', register('later'));
    await t.api.post('/__mockchat/snapshots', { id: 'same' });
    t.mock.reset();
    await t.api.post('/__mockchat/snapshots/same/restore');
    expect(t.mock.users.findByUsername('later')).toBeDefined();
    expect((await t.api.get('/__mockchat/snapshots')).body.snapshots.filter((s: { id: string }) => s.id === 'same')).toHaveLength(1);
  });

  it('restoring an unknown id answers 404 naming the known ids', async () => {
    await t.api.post('/__mockchat/snapshots', { id: 'known-one' });
    const res = await t.api.post('/__mockchat/snapshots/nope/restore');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'MOCKCHAT_ERR_SNAPSHOT', message: expect.stringContaining('No snapshot "nope". Known: ') } });
    expect(res.body.error.message).toContain('known-one');
  });

  it.each([['bad id!'], [''], [42], ['x'.repeat(65)]])('refuses the invalid id %j with 400', async (id) => {
    const res = await t.api.post('/__mockchat/snapshots', { id });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'MOCKCHAT_ERR_SNAPSHOT', message: expect.stringContaining('1-64 letters') });
  });

  it('refuses an unparseable body with 400 MOCKCHAT_ERR_BAD_JSON', async () => {
    const res = await t.api.call('POST', '/__mockchat/snapshots', '{nope', { 'content-type': 'application/json' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'MOCKCHAT_ERR_BAD_JSON' } } });
  });

  it('GET /__mockchat/snapshots lists id, createdAt and user count', async () => {
    await t.api.post('/__mockchat/snapshots', { id: 'listed' });
    await t.api.post('/api/v1/users.register', register('extra'));
    await t.api.post('/__mockchat/snapshots', { id: 'listed-2' });
    const res = await t.api.get('/__mockchat/snapshots');
    expect(res.status).toBe(200);
    expect(res.body.snapshots).toEqual(
      expect.arrayContaining([
        { id: 'listed', createdAt: expect.any(String), users: SEEDED },
        { id: 'listed-2', createdAt: expect.any(String), users: SEEDED + 1 },
      ]),
    );
    for (const s of res.body.snapshots) expect(Number.isNaN(Date.parse(s.createdAt))).toBe(false);
  });

  it('POST /__mockchat/reset restores the seed, settings and base scenario', async () => {
    await t.api.post('/api/v1/users.register', register('gone'));
    t.mock.workspace.settings.set('Accounts_RequireNameForSignUp', false);
    expect((await t.api.call('PUT', '/__mockchat/scenario', { name: 'registration-disabled' })).status).toBe(200);

    const res = await t.api.post('/__mockchat/reset');
    expect(res).toMatchObject({ status: 200, body: { status: 'reset', users: SEEDED, active: [] } });
    expect(t.mock.users.findByUsername('gone')).toBeUndefined();
    expect(t.mock.workspace.settings.get('Accounts_RequireNameForSignUp')).toBe(true);
    expect((await t.api.post('/api/v1/users.register', register('after'))).status).toBe(200);
  });

  it('GET /__mockchat/health reports status, users and scenario', async () => {
    expect(await t.api.get('/__mockchat/health')).toMatchObject({ status: 200, body: { status: 'ok', users: SEEDED, scenario: [] } });
    t.mock.useScenario('rate-limited');
    await t.api.post('/api/v1/users.register', register('counted'));
    expect((await t.api.get('/__mockchat/health')).body).toEqual({ status: 'ok', users: SEEDED + 1, scenario: ['rate-limited'] });
  });

  it('answers an unknown admin route with 404 MOCKCHAT_ERR_NOT_FOUND', async () => {
    const res = await t.api.get('/__mockchat/nope');
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'MOCKCHAT_ERR_NOT_FOUND', message: expect.stringContaining('/__mockchat/nope') } } });
  });
});
