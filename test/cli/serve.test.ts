import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// Runs the built CLI: `npm run build` first.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'dist/cli/bin.js';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Wait for the banner's REST line and return the base URL (without `/api/v1`). */
async function waitForBanner(r: Run, timeoutMs = 10_000): Promise<string> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const line = r.stdout().split('\n').find((l) => l.includes('REST'));
    const url = line?.match(/(http:\/\/\S+?)\/api\/v1/)?.[1];
    if (url) return url;
    if (r.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no banner; stdout: ${r.stdout()} stderr: ${r.stderr()}`);
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);
}

describe('mockchat serve', () => {
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

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
