import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of the bench, without type declarations
import { checkTargets } from '../../bench/lib/targets.mjs';

/** One scale run: 1k then 1M rows, as bench/lib/sections.mjs writes them. */
function scaleRun(fixed1M: number, cold1M: number, coldReached = true) {
  const row = (users: number, fixedP99: number, coldP99: number) => ({
    target: `${users.toLocaleString('en')} users`,
    users,
    rate: 9000,
    p99: 2,
    fixedP99,
    coldP99,
    heldMb: 1216,
    warmUs: 1.3,
    coldUs: 10.8,
    coldReached,
    p99Ratio: 1,
    fixedP99Ratio: fixedP99 / 2,
    coldP99Ratio: coldP99 / 3.4,
  });
  return [row(1_000, 2, 3.4), row(1_000_000, fixed1M, cold1M)];
}

function verdict(runs: ReturnType<typeof scaleRun>[]) {
  const medians = runs[Math.floor(runs.length / 2)];
  const [scale] = checkTargets({ scale: { runs, medians } }) as { target: string; figure: string; verdict: string }[];
  return scale;
}

describe('bench targets: register p99 with 1M users', () => {
  it('is judged with warm memory held, whatever the ratio with memory as found', () => {
    const scale = verdict([scaleRun(3.4, 3.5), scaleRun(3.4, 3.5), scaleRun(3.4, 3.5)]);
    expect(scale.verdict).toBe('met');
    expect(scale.figure).toMatch(/^1\.03x .* warm memory held \(1216 MB; first touch 1\.3 -> 10\.8 us\/page\); as found 1\.70x/);
  });

  it('is missed when 1M is more than 20% above 1k with warm memory held', () => {
    const scale = verdict([scaleRun(2, 4.2), scaleRun(2, 4.2), scaleRun(2, 4.2)]);
    expect(scale.verdict).toBe('MISSED');
    expect(scale.figure).toMatch(/^1\.24x \(runs 1\.24, 1\.24, 1\.24;/);
  });

  it('says so when some run found no cold memory to hold', () => {
    const scale = verdict([scaleRun(2, 3.4), scaleRun(2, 3.4, false), scaleRun(2, 3.4)]);
    expect(scale.figure).toContain('no cold pages found in some runs');
  });
});
