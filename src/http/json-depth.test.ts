import { describe, expect, it } from 'vitest';
import { depthOf, tooDeep } from './json-depth.js';

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
