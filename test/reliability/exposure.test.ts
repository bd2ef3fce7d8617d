import { afterEach, describe, expect, it } from 'vitest';
import { killAll, run, waitForBanner, within } from '../support/run-cli.js';
import { startMockchat } from '../support/start-mockchat.js';

describe('network exposure', () => {
  afterEach(killAll);

  it('binds to 127.0.0.1 by default (API and CLI)', async () => {
    const mock = await startMockchat();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await mock.close();
    const r = run(['serve', '--port', '0']);
    expect(await waitForBanner(r)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    r.child.kill('SIGTERM');
    expect((await within(r.exit, 2000)).code).toBe(0);
  });

  it('refuses --host 0.0.0.0 without an admin token, with a clear message', async () => {
    const r = run(['serve', '--port', '0', '--host', '0.0.0.0']);
    expect((await within(r.exit, 10_000)).code).toBe(1);
    expect(r.stderr()).toContain('binding to 0.0.0.0 exposes the admin API (/__mockchat) to the network: pass an admin token (--admin-token / MOCKCHAT_ADMIN_TOKEN)');
    expect(r.stdout()).not.toContain('REST');
  });

  it('with a token: warns on stderr, and the admin API needs the token (the product API does not)', async () => {
    const r = run(['serve', '--port', '0', '--host', '0.0.0.0'], { MOCKCHAT_ADMIN_TOKEN: 'tok-123' });
    const base = (await waitForBanner(r)).replace('0.0.0.0', '127.0.0.1');
    expect(r.stderr()).toContain('[mockchat] warning: listening on 0.0.0.0, reachable from the network; the admin API requires the admin token.');
    expect((await fetch(`${base}/__mockchat/health`)).status).toBe(401);
    expect((await fetch(`${base}/__mockchat/health`, { headers: { authorization: 'Bearer tok-123' } })).status).toBe(200);
    expect((await fetch(`${base}/api/info`)).status).toBe(200);
    r.child.kill('SIGTERM');
    expect((await within(r.exit, 2000)).code).toBe(0);
  });
});
