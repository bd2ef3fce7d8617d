import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { asAdmin, CREATE, fieldError, scClient } from '../selfcommunity/sc-client.js';
import { killAll, run, runToEnd, waitForBanner, type Run } from '../support/run-cli.js';
import { startMockchat } from '../support/start-mockchat.js';

const dir = mkdtempSync(join(tmpdir(), 'mockchat-crash-'));
afterEach(killAll);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `mockchat serve --db FILE --port 0`; resolves with the run and the base URL from the banner.
 * `--no-tune-gc` serves in the process the test kills: by default the server is a child of the
 * CLI, and SIGKILL to the CLI would let it close cleanly instead of crashing.
 */
async function serve(file: string, extra: string[] = []): Promise<Run & { url: string }> {
  const r = run(['serve', '--no-tune-gc', '--db', file, '--port', '0', ...extra]);
  return { ...r, url: await waitForBanner(r) };
}

const register = (url: string, username: string) =>
  fetch(`${url}/api/v1/users.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@example.com`, pass: 'load-pass', name: username }),
  });

describe('--db under kill -9 and SIGTERM', () => {
  it('loses no acknowledged registration when killed with SIGKILL under load', async () => {
    const file = join(dir, 'kill.json');
    const { child, url, exit } = await serve(file);
    const acknowledged: string[] = [];
    let stop = false;
    let next = 0;
    const worker = async () => {
      while (!stop) {
        const username = `load${next++}`;
        try {
          const r = await register(url, username);
          const body = (await r.json()) as { success?: boolean };
          if (r.status === 200 && body.success) acknowledged.push(username);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect((await exit).signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(50);
    if (process.env.REPORT_FIGURES) console.log(`kill -9 after ${acknowledged.length} acknowledged registrations`);

    const restarted = await startMockchat({ db: file });
    try {
      const missing = acknowledged.filter((u) => !restarted.users.findByUsername(u));
      expect(missing).toEqual([]);
      // and each of them can log in with its password
      const sample = acknowledged.at(-1)!;
      const login = await fetch(`${restarted.url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: sample, password: 'load-pass' }) });
      expect(login.status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('keeps a used SelfCommunity invite code and a sent validation code across kill -9', async () => {
    const file = join(dir, 'sc-codes.json');
    const scenario = 'selfcommunity-invite-only';
    const { child, url, exit } = await serve(file, ['--scenario', scenario]);
    const body = (username: string) => ({ username, email: `${username}@example.com`, password: 'Jane-pass-1', invite_code: 'WELCOME-1' });
    const created = await fetch(`${url}${CREATE}`, { method: 'POST', headers: { 'content-type': 'application/json', ...asAdmin }, body: JSON.stringify(body('jane')) });
    expect(created.status).toBe(201);
    const code = created.headers.get('x-mockchat-validation-code');
    expect(code).toEqual(expect.any(String));
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');

    const restarted = await startMockchat({ db: file, scenario });
    try {
      expect(restarted.selfcommunity.inviteCodes.get('WELCOME-1')).toMatchObject({ user: 4, used_at: expect.any(String) });
      const sc = scClient(restarted);
      const again = await sc.create(body('joe'));
      expect(again.status).toBe(400);
      expect(again.body).toEqual(fieldError('invite_code', 'used', 'This invite code has already been used.'));
      const verify = () => sc.post('/api/v2/account/verify/', { validation_code: code });
      expect((await verify()).status).toBe(200);
      expect((await verify()).status).toBe(400);
    } finally {
      await restarted.close();
    }
  });

  it('exits 1 with a clear message on a corrupt file, leaving its bytes; --reset replaces a mockchat file', async () => {
    const file = join(dir, 'corrupt.json');
    const broken = '{"mockchat": {"format": "mockchat-db", "version": 1}, "users": [{"_id": ';
    writeFileSync(file, broken);
    const { code, stderr } = await runToEnd(['serve', '--db', file, '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toContain(`[mockchat] ${file}: not valid JSON at position 72 (line 1, column 73)`);
    expect(readFileSync(file, 'utf8')).toBe(broken);

    const { child: fresh, url, exit } = await serve(file, ['--reset']);
    expect((await fetch(`${url}/__mockchat/db/users?username=alice`).then((r) => r.json())) as unknown[]).toHaveLength(1);
    fresh.kill('SIGTERM');
    expect((await exit).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).mockchat.format).toBe('mockchat-db');
  });

  it('closes within a second on SIGTERM, with the state folded into the file', async () => {
    const file = join(dir, 'term.json');
    const { child, url, exit } = await serve(file);
    expect((await register(url, 'flushed')).status).toBe(200);
    const ws = new WebSocket(url.replace('http', 'ws') + '/websocket');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const wsClosed = new Promise((resolve) => ws.once('close', resolve));
    const started = performance.now();
    child.kill('SIGTERM');
    const { code } = await exit;
    const took = performance.now() - started;
    expect(code).toBe(0);
    expect(took).toBeLessThan(1000);
    await wsClosed;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { users: Array<{ username: string }> };
    expect(saved.users.map((u) => u.username)).toContain('flushed');
    // everything is in the file: the log holds only its header
    expect(readFileSync(`${file}.log`, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
