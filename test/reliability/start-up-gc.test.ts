import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectGarbage } from '../../src/collect-garbage.js';
import { createMockchat } from '../../src/index.js';
import { COLD_USERS_FROM } from '../../src/rocketchat/seed.js';

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
    const listen = vi.spyOn(Server.prototype, 'listen');
    try {
      const small = await createMockchat({ port: 0, logLevel: 'silent' });
      expect(gc).not.toHaveBeenCalled();
      await small.close();
      listen.mockClear();
      const big = await createMockchat({ port: 0, logLevel: 'silent', users: COLD_USERS_FROM });
      expect(gc).toHaveBeenCalledTimes(1);
      expect(gc.mock.invocationCallOrder[0]).toBeLessThan(listen.mock.invocationCallOrder[0]!);
      await big.close();
    } finally {
      listen.mockRestore();
    }
  });

  it('runs once at start-up after a --db file is loaded; not for a --db file that does not exist yet', async () => {
    const gc = vi.fn();
    g.gc = gc;
    const dir = mkdtempSync(join(tmpdir(), 'mockchat-gc-'));
    const db = join(dir, 'db.json');
    try {
      const fresh = await createMockchat({ port: 0, logLevel: 'silent', db });
      expect(gc).not.toHaveBeenCalled();
      await fresh.close();
      expect(existsSync(db)).toBe(true);
      const mock = await createMockchat({ port: 0, logLevel: 'silent', db });
      expect(gc).toHaveBeenCalledTimes(1);
      await mock.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
