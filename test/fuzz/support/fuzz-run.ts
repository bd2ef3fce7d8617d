/* Knobs and the worker pool shared by the fuzz tests. */

/**
 * Cases per route (REST) or frames in total (DDP): `FUZZ_RUNS`, by default the issue's
 * 20,000 (also in `npm test`); set it lower for a quick local run (docs/reliability.md).
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
/**
 * fast-check seed; printed on failure so a run can be replayed with `FUZZ_SEED`. Fixed
 * by default, so `npm test` is repeatable; `npm run fuzz` draws a new one each run.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
/** Requests in flight at once. */
export const CONCURRENCY = 16;

/** A test timeout that grows with the run count (about 1 ms per case, 16 in flight, times a margin). */
export const fuzzTimeout = (cases: number) => 60_000 + cases * 5;

/**
 * Run `work` over `items` with `concurrency` in flight; the first failure stops the pool and
 * is rethrown with the failing item and the seed.
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: Error | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await work(items[index], index);
      } catch (error) {
        failure ??= new Error(`case #${index} failed (FUZZ_SEED=${FUZZ_SEED}): ${(error as Error).message}\ncase: ${describeCase(items[index])}`, { cause: error });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) throw failure;
}

/** A failing case, shortened for the report (huge strings are cut). */
export function describeCase(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'string' && v.length > 200) return `${v.slice(0, 200)}…(${v.length} chars)`;
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `<${v.length} bytes: ${Buffer.from(v).subarray(0, 80).toString('hex')}>`;
    return v;
  });
  return text === undefined ? String(value) : text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
