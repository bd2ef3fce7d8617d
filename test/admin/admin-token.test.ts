import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { startMockchat } from '../support/start-mockchat.js';

describe('admin token', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat({ adminToken: 's3cret-token' });
  });
  afterAll(() => mock.close());

  it('refuses the admin API without the bearer token', async () => {
    const r = await fetch(`${mock.url}/__mockchat/health`);
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: { code: 'MOCKCHAT_ERR_ADMIN_TOKEN', message: '[mockchat] The admin API needs "Authorization: Bearer <admin token>".' } });
    expect((await fetch(`${mock.url}/__mockchat/health`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('accepts it, and never guards the Rocket.Chat API', async () => {
    expect((await fetch(`${mock.url}/__mockchat/health`, { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    expect((await fetch(`${mock.url}/api/info`)).status).toBe(200);
  });

  it('is mandatory off loopback', async () => {
    await expect(startMockchat({ host: '0.0.0.0' })).rejects.toThrow(/exposes the admin API .*--admin-token/);
  });
});
