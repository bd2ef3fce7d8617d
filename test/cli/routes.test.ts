import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../../src/index.js';
import { ROCKETCHAT_ROUTES } from '../../src/rocketchat/rest/rest-api.js';
import { SELFCOMMUNITY_ROUTES } from '../../src/selfcommunity/rest/routes.js';
import { killAll, ROOT, run, runToEnd, waitForBanner } from '../support/run-cli.js';

afterEach(killAll);

/** `mockchat routes ARGS`, run to its end. */
const routes = (...args: string[]) => runToEnd(['routes', ...args]);

/** The stdout of `mockchat routes ARGS`, which must exit 0. */
async function listed(...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await routes(...args);
  expect(code, stderr).toBe(0);
  return stdout;
}

describe('mockchat routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-routes-'));
  cpSync(join(ROOT, 'specs'), dir, { recursive: true });
  writeFileSync(
    join(dir, 'extra.yaml'),
    ['openapi: 3.1.0', 'info: {title: extra, version: "1"}', 'paths:', '  /api/v1/rooms.extra:', '    get:', '      responses:', "        '200': {description: ok}"].join('\n'),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json lists every emulated route of the route tables and the spec-only operations', async () => {
    const routes = JSON.parse(await listed('--json')) as RouteInfo[];
    const find = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path);
    for (const r of ROCKETCHAT_ROUTES) expect(find(r.method, r.path)).toMatchObject({ served: 'emulated', product: 'rocketchat' });
    for (const r of SELFCOMMUNITY_ROUTES) expect(find(r.method, r.path)).toMatchObject({ served: 'emulated', product: 'selfcommunity' });
    expect(find('POST', '/api/v1/users.register')).toEqual({ method: 'POST', path: '/api/v1/users.register', served: 'emulated', product: 'rocketchat', file: 'rocketchat.rest.yaml' });
    expect(find('POST', '/api/v1/users.forgotPassword')).toEqual({ method: 'POST', path: '/api/v1/users.forgotPassword', served: 'spec', file: 'rocketchat.rest.yaml' });
    expect(find('GET', '/__mockchat/health')).toMatchObject({ served: 'emulated', product: 'admin' });
    expect(find('GET', '/api/v1/rooms.extra')).toBeUndefined();
  });

  it('--specs DIR adds the operations of a dropped-in spec, as a table', async () => {
    const stdout = await listed('--specs', dir);
    expect(stdout).toMatch(/^METHOD\s+PATH\s+SERVED BY$/m);
    expect(stdout).toMatch(/^GET\s+\/api\/v1\/rooms\.extra\s+spec \(extra\.yaml\)$/m);
    expect(stdout).toMatch(/^POST\s+\/api\/v1\/users\.register\s+emulated \(rocketchat\)$/m);
    const packaged = (JSON.parse(await listed('--json')) as RouteInfo[]).filter((r) => r.served === 'spec').length;
    expect(stdout).toMatch(new RegExp(`routes: \\d+ emulated, ${packaged + 1} from specs$`, 'm'));
  });

  it('a missing specs directory is a clear error', async () => {
    const failed = await routes('--specs', join(dir, 'nope'));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Cannot read');
  });
});

describe('mockchat serve --specs DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-serve-specs-'));
  cpSync(join(ROOT, 'specs'), dir, { recursive: true });
  writeFileSync(
    join(dir, 'extra.yaml'),
    ['openapi: 3.1.0', 'info: {title: extra, version: "1"}', 'paths:', '  /api/v1/rooms.extra:', '    get:', '      responses:', "        '200':", '          description: ok', '          content:', '            application/json:', '              example: {rooms: [], success: true}'].join('\n'),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the operations of the specs in DIR (also as MOCKCHAT_SPECS)', async () => {
    for (const [args, env] of [[['--specs', dir], {}], [[], { MOCKCHAT_SPECS: dir }]] as const) {
      const r = run(['serve', '--port', '0', ...args], env);
      const base = await waitForBanner(r);
      const res = await fetch(`${base}/api/v1/rooms.extra`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ rooms: [], success: true });
      r.child.kill('SIGKILL');
    }
  }, 60_000);
});
