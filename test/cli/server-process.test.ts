import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVE_NODE_FLAGS } from '../../src/cli/server-process.js';
import { alive, childPids as childrenOf, childrenSeen, cpuMs as cpuMsOf, until } from '../support/processes.js';
import { killAll, run, runToEnd, waitForBanner, within } from '../support/run-cli.js';

// `mockchat serve` runs its server in a child Node with GC flags (src/cli/server-process.ts).
// The process tree is read from Linux's /proc.
const linux = existsSync('/proc/self/task');
const argvOf = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

describe.runIf(linux)('mockchat serve: the server process', () => {
  afterEach(killAll);

  it('serves from one child Node started with SERVE_NODE_FLAGS; SIGINT to the CLI stops both', async () => {
    const r = run(['serve', '--port', '0']);
    const base = await waitForBanner(r);
    const [server, ...others] = childrenOf(r.child.pid!);
    expect(others).toEqual([]);
    expect(argvOf(server!).slice(1, 1 + SERVE_NODE_FLAGS.length)).toEqual([...SERVE_NODE_FLAGS]);
    expect(argvOf(server!).at(-1)).toMatch(/server-main\.js$/);
    expect((await fetch(`${base}/api/info`)).status).toBe(200);

    r.child.kill('SIGINT');
    expect((await within(r.exit, 5000)).code).toBe(0);
    expect(r.stdout()).toContain('SIGINT: closing mockchat');
    expect(await until(() => !alive(server!), 2000)).toBe(true);
  });

  it('stops cleanly on SIGTERM and SIGHUP to the CLI (SIGHUP shows the stop goes over IPC: the server has no SIGHUP handler, a forwarded one kills it)', async () => {
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      const r = run(['serve', '--port', '0']);
      await waitForBanner(r);
      const [server] = childrenOf(r.child.pid!);
      r.child.kill(signal);
      expect((await within(r.exit, 5000)).code).toBe(0);
      expect(r.stdout()).toContain(`${signal}: closing mockchat`);
      expect(await until(() => !alive(server!), 2000)).toBe(true);
    }
  });

  it('leaves no server behind when the CLI is killed with SIGKILL, and the server writes --db as it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockchat-sp-'));
    const db = join(dir, 'db.json');
    try {
      const r = run(['serve', '--port', '0', '--db', db]);
      const base = await waitForBanner(r);
      const [server] = childrenOf(r.child.pid!);
      const res = await fetch(`${base}/api/v1/users.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'orphan.check', email: 'orphan.check@example.com', pass: 'Orphan-pass-1', name: 'Orphan Check' }),
      });
      expect(res.status).toBe(200);
      r.child.kill('SIGKILL');
      await r.exit;
      expect(await until(() => !alive(server!), 5000)).toBe(true);
      await expect(fetch(`${base}/api/info`)).rejects.toThrow();
      expect(readFileSync(db, 'utf8')).toContain('"orphan.check"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes on the exit code of a server that fails to start, with its message', async () => {
    const first = run(['serve', '--port', '0', '--no-tune-gc']);
    const port = new URL(await waitForBanner(first)).port;
    // Read to the end ('close'): on 'exit' some of stderr may still be in the pipe.
    const r = await within(runToEnd(['serve', '--port', port]), 10_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\[mockchat\] listen EADDRINUSE: address already in use 127\.0\.0\.1:\d+\n$/);
    const here = await within(runToEnd(['serve', '--port', port, '--no-tune-gc']), 10_000);
    expect(here.code).toBe(1);
    expect(here.stderr).toBe(r.stderr);
  });

  it('exits as its server process did: 128 + 9 when the server is killed with SIGKILL', async () => {
    const r = run(['serve', '--port', '0']);
    await waitForBanner(r);
    const [server] = childrenOf(r.child.pid!);
    process.kill(server!, 'SIGKILL');
    expect(await within(r.exit, 5000)).toEqual({ code: 137, signal: null });
  });

  it('leaves no server behind when the CLI is killed while the server is still seeding', async () => {
    const r = run(['serve', '--port', '0', '--users', '200000']);
    expect(await until(() => childrenOf(r.child.pid!).length === 1, 5000)).toBe(true);
    const [server] = childrenOf(r.child.pid!);
    // Wait until the server has used 400 ms of CPU: past its own start-up, seeding. Seeding
    // blocks its event loop, so the channel's close is seen once it is up (during listen()
    // itself the code before this test lost it: a narrow race this test does not force).
    expect(await until(() => (cpuMsOf(server!) ?? 0) > 400, 10_000)).toBe(true);
    // Still seeding: the kill lands before the server listens.
    expect(r.stdout()).not.toContain('mockchat is listening');
    r.child.kill('SIGKILL');
    await r.exit;
    expect(await until(() => !alive(server!), 20_000)).toBe(true);
    // It stops as soon as it is up (the stdout pipe is the CLI's, still read by this test).
    expect(r.stdout()).toContain('the mockchat CLI process exited: closing mockchat');
  }, 30_000);

  it('serves in the CLI process when yargs reads --tune-gc as false in a form the first look misses (--tuneGc=false)', async () => {
    const r = run(['serve', '--port', '0', '--tuneGc=false']);
    await waitForBanner(r);
    expect(await until(() => childrenOf(r.child.pid!).length === 0, 5000)).toBe(true);
    r.child.kill('SIGTERM');
    expect((await within(r.exit, 5000)).code).toBe(0);
    // The unused server process's signal handlers are gone: SIGHUP ends the CLI as it does
    // with --no-tune-gc, instead of being passed to a server process that is no longer there.
    const hup = run(['serve', '--port', '0', '--tuneGc=false']);
    await waitForBanner(hup);
    expect(await until(() => childrenOf(hup.child.pid!).length === 0, 5000)).toBe(true);
    hup.child.kill('SIGHUP');
    expect((await within(hup.exit, 5000)).signal).toBe('SIGHUP');
  });

  it('--no-tune-gc and MOCKCHAT_TUNE_GC=false serve in the CLI process itself, never starting a server process', async () => {
    for (const r of [run(['serve', '--port', '0', '--no-tune-gc']), run(['serve', '--port', '0'], { MOCKCHAT_TUNE_GC: 'false' })]) {
      // Sampled all along: a server process started on a wrong first look and stopped once
      // yargs has parsed would be gone by the banner.
      expect(await childrenSeen(r.child.pid!, waitForBanner(r))).toEqual([]);
      expect(childrenOf(r.child.pid!)).toEqual([]);
      r.child.kill('SIGTERM');
      expect((await within(r.exit, 5000)).code).toBe(0);
    }
  });

  it('a Node started with flags of its own, or NODE_OPTIONS with the inspector, serves in one process', async () => {
    for (const r of [run(['serve', '--port', '0'], {}, ['--no-warnings']), run(['serve', '--port', '0'], { NODE_OPTIONS: '--inspect=127.0.0.1:0' })]) {
      expect(await childrenSeen(r.child.pid!, waitForBanner(r))).toEqual([]);
      r.child.kill('SIGTERM');
      expect((await within(r.exit, 5000)).code).toBe(0);
    }
  });

  it('serve --help prints help, --tune-gc among the options, and exits 0', async () => {
    const r = await within(runToEnd(['serve', '--help']), 10_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--tune-gc');
  });
});
