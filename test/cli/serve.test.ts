import { afterEach, describe, expect, it } from 'vitest';
import { killAll, run, waitForBanner, within } from '../support/run-cli.js';

describe('mockchat serve', () => {
  afterEach(killAll);

  it('serves, answers /api/info and stops cleanly on SIGINT', async () => {
    const r = run(['serve', '--port', '0', '--log-level', 'info']);
    const base = await waitForBanner(r);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.stdout()).toContain('admin      admin / admin');

    const res = await fetch(`${base}/api/info`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true, version: expect.any(String) });

    r.child.kill('SIGINT');
    const { code } = await within(r.exit, 2000);
    expect(code).toBe(0);
    expect(r.stdout()).toContain('SIGINT: closing mockchat');
  });

  it('exits 1 when --reset is given without --db (it would silently do nothing)', async () => {
    const r = run(['serve', '--port', '0', '--reset']);
    const { code } = await within(r.exit, 10_000);
    expect(code).toBe(1);
    expect(r.stderr()).toMatch(/needs db \(--db FILE\)/);
  });

  it('exits 1 with a message about an invalid port', async () => {
    const r = run(['serve', '--port', '99999']);
    const { code } = await within(r.exit, 10_000);
    expect(code).toBe(1);
    expect(r.stderr()).toMatch(/port/i);
    expect(r.stdout()).not.toContain('REST');
  });

  it('takes the admin password from MOCKCHAT_ADMIN_PASSWORD', async () => {
    const r = run(['serve', '--port', '0', '--log-level', 'info'], { MOCKCHAT_ADMIN_PASSWORD: 'from-env-123' });
    const base = await waitForBanner(r);
    expect(r.stdout()).toContain('admin      admin / from-env-123');

    const login = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'admin', password: 'from-env-123' }) });
    expect(login.status).toBe(200);

    r.child.kill('SIGINT');
    expect((await within(r.exit, 2000)).code).toBe(0);
  });
});
