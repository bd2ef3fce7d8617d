import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Runs the built CLI: `npm run build` first.
/** The repository root: the CLI runs there. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'dist/cli/bin.js';

export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** What a run that has ended printed, and how it ended. */
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Children started by `run`; kill the leftovers in `afterEach` with `killAll()`. */
const children: ChildProcess[] = [];

/** Spawn `mockchat ARGS` (the built CLI) with extra env and Node flags, collecting its output. */
export function run(args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): Run {
  const child = spawn(process.execPath, [...nodeFlags, BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/**
 * Run `mockchat ARGS` to its end: resolves on 'close', once all its output is read (on 'exit'
 * some may still be in the pipes). No time limit: wrap a long one in `within`.
 */
export async function runToEnd(args: string[], env: Record<string, string> = {}): Promise<Ended> {
  const r = run(args, env);
  const { code, signal } = await new Promise<Pick<Ended, 'code' | 'signal'>>((resolve) => r.child.on('close', (code, signal) => resolve({ code, signal })));
  return { code, signal, stdout: r.stdout(), stderr: r.stderr() };
}

/** Stop a run with SIGINT, as Ctrl-C does, and wait for its exit. */
export async function interrupt(r: Run): Promise<void> {
  r.child.kill('SIGINT');
  await r.exit;
}

/** SIGKILL every child still running. */
export function killAll(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * Poll every 25 ms until `done()`; throws `WHAT; stdout: … stderr: …` if the child exits
 * first or `timeoutMs` passes.
 */
export async function waitFor(r: Run, done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 25))) {
    const exited = r.child.exitCode !== null || r.child.signalCode !== null;
    if (exited || Date.now() - started > timeoutMs) throw new Error(`${what}; stdout: ${r.stdout()} stderr: ${r.stderr()}`);
  }
}

/** The base URL (without `/api/v1`) of the banner's REST line, once printed. */
const bannerUrl = (r: Run): string | undefined =>
  r.stdout().split('\n').find((l) => l.includes('REST'))?.match(/(http:\/\/\S+?)\/api\/v1/)?.[1];

/** Wait for the banner's REST line and return the base URL (without `/api/v1`). */
export async function waitForBanner(r: Run, timeoutMs = 10_000): Promise<string> {
  await waitFor(r, () => bannerUrl(r) !== undefined, 'no banner', timeoutMs);
  return bannerUrl(r)!;
}

/** `promise`, or a rejection after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);
}
