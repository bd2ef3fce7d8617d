import { describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { useMockchat } from '../support/start-mockchat.js';

const form = (i: number) => ({ username: `rl${i}`, email: `rl${i}@example.com`, pass: 'Secret-1', name: 'R' });

describe('rate limits (rateLimits: true)', () => {
  const t = useMockchat({ rateLimits: true });

  it('users.register: 1 per minute per client even for an admin (no bypass on a route that does not authenticate)', async () => {
    const admin = await t.api.login('admin', 'admin');
    const first = await t.api.post('/api/v1/users.register', form(1), admin);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() + 55_000);
    expect(reset).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((await t.api.post('/api/v1/users.register', form(2), admin)).status).toBe(429);
  });

  it('other routes: 10 per minute per client; roles with api-bypass-rate-limit are not counted', async () => {
    const alice = await t.api.login('alice', 'alice-password');
    const admin = await t.api.login('admin', 'admin');
    const path = '/api/v1/users.info?username=bob';
    const aliceStatuses = [];
    for (let i = 0; i < 11; i++) aliceStatuses.push((await t.api.get(path, alice)).status);
    expect(aliceStatuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(aliceStatuses[10]).toBe(429);
    t.mock.workspace.rateLimiter.clear();
    for (let i = 0; i < 12; i++) expect((await t.api.get(path, admin)).status).toBe(200);
  });

  it('DDP login: Meteor’s default 5 calls per 10 s per connection', async () => {
    const ddp = await RawDdp.connect(t.mock.wsUrl);
    t.sockets.push(ddp);
    const errors = [];
    for (let i = 0; i < 6; i++) errors.push((await ddp.call('login', { user: { username: 'alice' }, password: 'wrong' })).result.error);
    expect(errors.slice(0, 5).every((e) => e.error === 401)).toBe(true);
    expect(errors[5]).toMatchObject({ error: 'too-many-requests', details: { timeToReset: expect.any(Number) } });
    expect(errors[5].reason).toMatch(/^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying again\.$/);
  });
});
