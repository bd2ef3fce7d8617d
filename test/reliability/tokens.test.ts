import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const DAY_MS = 86_400_000;

describe('login tokens', () => {
  let a: Mockchat;
  let b: Mockchat;
  beforeAll(async () => {
    // Same seed number: seeded users and ids are identical, tokens must not be.
    [a, b] = await Promise.all([startMockchat({ seed: 7 }), startMockchat({ seed: 7 })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('are random (crypto): 43 base64url characters, never repeated, not derived from the seed', async () => {
    const issue = async (mock: Mockchat) => (await client(mock).login('alice', 'alice-password'))['x-auth-token'];
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => issue(i % 2 ? a : b)));
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(a.admin.userId).toBe(b.admin.userId);
    // Every one of the 64 characters shows up in 300 × 43 draws (a biased or tiny alphabet would not).
    expect(new Set(tokens.join('')).size).toBe(64);
  });

  it('expire after Accounts_LoginExpiration days (Rocket.Chat default 90), as the login result says', async () => {
    const ddp = await RawDdp.connect(a.wsUrl);
    const before = Date.now();
    const result = await ddp.apply('login', { user: { username: 'alice' }, password: 'alice-password' });
    const expires = result.tokenExpires.$date as number;
    expect(expires - before).toBeGreaterThanOrEqual(90 * DAY_MS - 1000);
    expect(expires - before).toBeLessThanOrEqual(90 * DAY_MS + 1000);
    a.workspace.settings.set('Accounts_LoginExpiration', 1);
    const short = await ddp.apply('login', { resume: result.token });
    expect(short.tokenExpires.$date - expires).toBeLessThan(-88 * DAY_MS);
    ddp.close();
    // The token then really dies after that time: test/rest/edge-cases.test.ts (half a second).
  });

  it('die on logout for every transport', async () => {
    const api = client(a);
    const auth = await api.login('alice', 'alice-password');
    const ddp = await RawDdp.connect(a.wsUrl);
    expect((await ddp.apply('login', { resume: auth['x-auth-token'] })).id).toBe(auth['x-user-id']);
    expect((await api.post('/api/v1/logout', {}, auth)).status).toBe(200);
    await expect(ddp.apply('login', { resume: auth['x-auth-token'] })).rejects.toMatchObject({ error: 401 });
    expect((await api.get('/api/v1/me', auth)).status).toBe(401);
    const bridged = await api.post('/api/v1/method.callAnon/login', { message: JSON.stringify({ msg: 'method', id: '1', method: 'login', params: [{ resume: auth['x-auth-token'] }] }) });
    expect(JSON.parse(bridged.body.message).error).toMatchObject({ error: 401 });
    ddp.close();
  });
});
