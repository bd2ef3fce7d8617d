import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { killAll, run, runToEnd, waitForBanner } from '../support/run-cli.js';
import { client, startMockchat } from '../support/start-mockchat.js';

// Switching from the command line: `mockchat scenario …` against a running server (e) and
// `mockchat serve --scenario/--scenarios` (f). Runs the built CLI: `npm run build` first.
const KNOWN = /Known: blocked-email-domain, custom-fields, .*registration-disabled, secret-url-only, selfcommunity-invite-only, selfcommunity-metadata, selfcommunity-promo, server-errors, slow-network\./;
const REGISTER = '/api/v1/users.register';
const body = (n: number) => ({ username: `user${n}`, email: `user${n}@example.com`, pass: 'S3cret-pass!', name: `User ${n}` });
const DISABLED_REST = { success: false, error: 'User registration is disabled [error-user-registration-disabled]', errorType: 'error-user-registration-disabled', details: { method: 'registerUser' } };

const tmpDirs: string[] = [];
const tmpDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-scenarios-'));
  tmpDirs.push(dir);
  return dir;
};

const post = async (base: string, path: string, data: unknown) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  return { status: res.status, body: await res.json() };
};

afterAll(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterEach(killAll);

describe('(e) mockchat scenario … --url against a running server', () => {
  let mock: Mockchat;

  beforeAll(async () => {
    mock = await startMockchat();
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    await mock.close();
  });

  it('list prints every scenario with its description and marks the active ones', async () => {
    mock.useScenario('rate-limited');
    const { code, stdout } = await runToEnd(['scenario', 'list', '--url', mock.url]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(17);
    expect(lines).toContainEqual(expect.stringMatching(/^\* rate-limited\s+Rocket\.Chat's production rate limits/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}registration-disabled\s+Public sign-up is switched off/));
    expect(lines.filter((l) => l.startsWith('*'))).toHaveLength(1);
  });

  it('use switches the server, reset switches it back', async () => {
    const used = await runToEnd(['scenario', 'use', 'registration-disabled', '--url', mock.url]);
    expect(used).toMatchObject({ code: 0, stdout: 'active: registration-disabled\n' });
    expect(mock.scenarios().active).toEqual(['registration-disabled']);
    expect(await client(mock).post(REGISTER, body(1))).toMatchObject({ status: 400, body: DISABLED_REST });

    const reset = await runToEnd(['scenario', 'reset', '--url', mock.url]);
    expect(reset).toMatchObject({ code: 0, stdout: 'active: (none)\n' });
    expect(mock.scenarios().active).toEqual([]);
    expect((await client(mock).post(REGISTER, body(1))).status).toBe(200);
  });

  it('use takes several names (later ones win)', async () => {
    const used = await runToEnd(['scenario', 'use', 'registration-disabled,secret-url-only', '--url', mock.url]);
    expect(used).toMatchObject({ code: 0, stdout: 'active: registration-disabled, secret-url-only\n' });
    expect((await client(mock).post(REGISTER, body(1))).body.errorType).toBe('error-user-registration-secret');
  });

  it('use with an unknown name exits 1 and lists the known names', async () => {
    const { code, stderr } = await runToEnd(['scenario', 'use', 'nope', '--url', mock.url]);
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown scenario "nope"');
    expect(stderr).toMatch(KNOWN);
    expect(mock.scenarios().active).toEqual([]);
  });
});

describe('(f) mockchat serve --scenario / --scenarios', () => {
  it('--scenario a,b: the banner shows them and registration is disabled', async () => {
    const r = run(['serve', '--port', '0', '--scenario', 'registration-disabled,password-policy']);
    const base = await waitForBanner(r);
    expect(r.stdout()).toMatch(/scenario\s+registration-disabled, password-policy/);
    expect(await post(base, REGISTER, body(1))).toEqual({ status: 400, body: DISABLED_REST });
    const health = await fetch(`${base}/__mockchat/scenarios`).then((res) => res.json());
    expect(health.active).toEqual(['registration-disabled', 'password-policy']);
  });

  it('--scenario with an unknown name exits 1 listing the known names', async () => {
    const r = run(['serve', '--port', '0', '--scenario', 'registration-disabled,nope']);
    expect((await r.exit).code).toBe(1);
    expect(r.stderr()).toContain('Unknown scenario "nope"');
    expect(r.stderr()).toMatch(KNOWN);
  });

  it('--scenarios DIR adds the scenarios of that directory', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'no-sign-up.yaml'), 'name: no-sign-up\ndescription: Mine - sign-up is off.\nsettings:\n  Accounts_RegistrationForm: Disabled\n');
    const r = run(['serve', '--port', '0', '--scenarios', dir, '--scenario', 'no-sign-up']);
    const base = await waitForBanner(r);
    expect(r.stdout()).toMatch(/scenario\s+no-sign-up/);
    const list = await fetch(`${base}/__mockchat/scenarios`).then((res) => res.json());
    expect(list.scenarios).toHaveLength(18);
    expect(list.scenarios).toContainEqual({ name: 'no-sign-up', description: 'Mine - sign-up is off.' });
    expect(await post(base, REGISTER, body(1))).toEqual({ status: 400, body: DISABLED_REST });
  });

  it('an invalid scenario file makes serve exit 1 naming the file and the field', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'broken-latency.yaml'), 'name: broken-latency\ndescription: x\nfaults:\n  - route: "*"\n    latency: fast\n');
    const r = run(['serve', '--port', '0', '--scenarios', dir]);
    expect((await r.exit).code).toBe(1);
    expect(r.stderr()).toContain('broken-latency.yaml');
    expect(r.stderr()).toContain('/faults/0/latency');
    expect(r.stdout()).not.toContain('REST');
  });
});
