import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockchat } from '../index.js';
import { COLD_USERS_FROM } from '../rocketchat/seed.js';
import { collectGarbage } from './collect-garbage.js';

const g = globalThis as { gc?: unknown };
const original = g.gc;

describe('collectGarbage', () => {
  afterEach(() => {
    g.gc = original;
  });

  it('calls an exposed gc once, and does nothing without one', () => {
    g.gc = vi.fn();
    expect(collectGarbage()).toBe(true);
    expect(g.gc).toHaveBeenCalledTimes(1);
    g.gc = undefined;
    expect(collectGarbage()).toBe(false);
  });

  it('runs once at start-up after a bulk seed, before the server listens; not after the default seed', async () => {
    const gc = vi.fn();
    g.gc = gc;
    const small = await createMockchat({ port: 0, logLevel: 'silent' });
    expect(gc).not.toHaveBeenCalled();
    await small.close();
    const big = await createMockchat({ port: 0, logLevel: 'silent', users: COLD_USERS_FROM });
    expect(gc).toHaveBeenCalledTimes(1);
    await big.close();
  });
});
