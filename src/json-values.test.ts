import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { depthOf, fold, jsonTooDeep, shallowCopy, tooDeep } from './json-values.js';

describe('depthOf', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(depthOf(1)).toBe(0);
    expect(depthOf('x')).toBe(0);
    expect(depthOf(null)).toBe(0);
    expect(depthOf({})).toBe(1);
    expect(depthOf([[1], { a: { b: [] } }])).toBe(4);
  });

  it('measures 200,000 levels without overflowing the stack, and stops early with a max', () => {
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(depthOf(deep)).toBe(200_000);
    expect(depthOf(deep, 10)).toBe(11);
    expect(tooDeep(deep, 64)).toBe(true);
    expect(tooDeep({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(tooDeep({ a: [{ b: {} }] }, 3)).toBe(true);
  });
});

describe('jsonTooDeep', () => {
  it('agrees with the full walk on every text, walking only texts long enough to be too deep', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 6 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(jsonTooDeep(text, value, max)).toBe(tooDeep(value, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('is exact at the boundary: max + 1 levels in 2 * (max + 1) characters', () => {
    for (const max of [0, 1, 5, 64]) {
      const text = '['.repeat(max + 1) + ']'.repeat(max + 1);
      expect(text.length).toBe(2 * (max + 1));
      expect(jsonTooDeep(text, JSON.parse(text), max)).toBe(true);
      const ok = '['.repeat(max) + ']'.repeat(max);
      expect(jsonTooDeep(ok, JSON.parse(ok || 'null'), max)).toBe(false);
    }
  });
});

describe('shallowCopy', () => {
  it('copies own keys, and keeps an own __proto__ key as data (the copy stays a plain object)', () => {
    const plain = { a: 1, b: { c: 2 } };
    const copy = shallowCopy(plain);
    expect(copy).toEqual(plain);
    expect(copy).not.toBe(plain);
    expect(copy.b).toBe(plain.b);
    const tricky = JSON.parse('{"__proto__":{"x":1},"y":2}') as Record<string, unknown>;
    const out = shallowCopy(tricky);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1},"y":2}');
  });
});

describe('fold: the unique indexes\' case folding', () => {
  it('is toLowerCase, for ASCII and beyond', () => {
    for (const s of ['abc@x.io', 'Jane.Doe@Example.COM', 'ÄRGER@ß.de', 'Kelvin\u212A', 'İstanbul', '', 'a-b_c.1+2@3']) expect(fold(s)).toBe(s.toLowerCase());
  });

  it('a non-ASCII capital makes it fold even in an otherwise lower-case string', () => {
    expect(fold('user\u212A@x.io')).toBe('userk@x.io');
    expect(fold('éa@x.io')).toBe('éa@x.io');
  });
});
