import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Runs the built CLI: `npm run build` first.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'dist/cli/bin.js';

export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Children started by `run`; kill the leftovers in `afterEach` with `killAll()`. */
const children: ChildProcess[] = [];

/** Spawn `mockchat ARGS` (the built CLI) with extra env, collecting its output. */
export function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** SIGKILL every child still running. */
export function killAll(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Wait for the banner's REST line and return the base URL (without `/api/v1`). */
export async function waitForBanner(r: Run, timeoutMs = 10_000): Promise<string> {
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

/** `promise`, or a rejection after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);
}
