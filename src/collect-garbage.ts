/**
 * One full garbage collection, when the process has a `gc` (Node started with `--expose-gc`,
 * as the server of `mockchat serve` is), else nothing. Returns whether it ran.
 *
 * Meant for the end of start-up after a bulk load: seeding 1,000,000 users leaves ~450 MB of
 * garbage in V8's old generation. That server also runs with
 * `--initial-old-space-size=512`, under which V8 starts no full collection until the old
 * generation holds 512 MB; collected here, before the server listens, that garbage does not
 * bring the first full collection (100-300 ms on one core) forward into the requests that
 * follow. A library user's process without `--expose-gc` is left alone: mockchat never changes
 * V8 flags at run time (docs/decisions/0017-serve-node-flags.md).
 */
export function collectGarbage(): boolean {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') return false;
  (gc as () => void)();
  return true;
}
