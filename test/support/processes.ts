// Process-tree helpers for tests (Linux /proc), shared with the bench: bench/lib/processes.mjs.
// @ts-expect-error: a plain .mjs module of the bench, without type declarations
import * as bench from '../../bench/lib/processes.mjs';

/** The pids of a process's children, or [] when they cannot be read. */
export const childPids: (pid: number) => number[] = bench.childPids;
/** CPU time (user + system) a process has used, in ms, or undefined. */
export const cpuMs: (pid: number) => number | undefined = bench.cpuMs;

/** Whether a process with this pid exists (a zombie counts until it is reaped). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Poll every 25 ms until `done()` or `ms` pass; returns its last answer. For conditions on
 * processes that may be gone; while a CLI run is up, `waitFor` (run-cli.ts) says more on failure.
 */
export async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 25))) if (done()) return true;
  return done();
}

/** Every child `pid` has while `during` runs, sampled every 5 ms. */
export async function childrenSeen(pid: number, during: Promise<unknown>): Promise<number[]> {
  const seen = new Set<number>();
  const sample = () => childPids(pid).forEach((child) => seen.add(child));
  const timer = setInterval(sample, 5);
  try {
    await during;
  } finally {
    clearInterval(timer);
  }
  sample();
  return [...seen];
}
