import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey } from './key-table.js';
import { StringMap } from './string-map.js';

type Op = { op: 'set'; key: string; value: number } | { op: 'delete'; key: string } | { op: 'clear' };

/** Keys from a small alphabet, so sequences set, delete and set the same keys again. */
const key = fc.stringMatching(/^[a-dA-D@.é]{0,3}$/);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

function expectSame(map: StringMap<number>, model: Map<string, number>, probes: string[]): void {
  expect(map.size).toBe(model.size);
  expect([...map.values()]).toEqual([...model.values()]);
  for (const k of probes) {
    expect(map.get(k)).toBe(model.get(k));
    expect(map.has(k)).toBe(model.has(k));
  }
}

describe('StringMap behaves as a Map<string, V>', () => {
  it('any sequence of set, delete and clear: same size, values in the same order, same lookups', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.nat(64), (ops, capacity) => {
        const map = new StringMap<number>(capacity);
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.op === 'set') {
            expect(map.set(o.key, o.value)).toBe(map);
            model.set(o.key, o.value);
          } else if (o.op === 'delete') expect(map.delete(o.key)).toBe(model.delete(o.key));
          else {
            map.clear();
            model.clear();
          }
        }
        expectSame(map, model, [...new Set(ops.flatMap((o) => ('key' in o ? [o.key] : [])))]);
      }),
      { numRuns: 500 },
    );
  });

  it('grows through many rebuilds that drop deleted slots, keeping insertion order', () => {
    const map = new StringMap<number>();
    const model = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const k = `user${i}@example.com`;
      map.set(k, i);
      model.set(k, i);
      // Churn: every third key goes, every fifth comes back at the end.
      if (i % 3 === 0) {
        map.delete(`user${i >> 1}@example.com`);
        model.delete(`user${i >> 1}@example.com`);
      }
      if (i % 5 === 0) {
        map.set(`user${i >> 2}@example.com`, -i);
        model.set(`user${i >> 2}@example.com`, -i);
      }
    }
    expectSame(map, model, ['user0@example.com', 'user49999@example.com', 'user24999@example.com', 'nobody@example.com', '']);
    for (const [k, v] of model) expect(map.get(k)).toBe(v);
  });

  it('grows incrementally: the insert that fills half the slots starts a bigger table, later inserts move the old slots', () => {
    const map = new StringMap<number>();
    const model = new Map<string, number>();
    const put = (k: string, v: number) => {
      map.set(k, v);
      model.set(k, v);
    };
    let i = 0;
    while (!map.growing) put(`user${i}@example.com`, i++);
    // 16 slots at first: the 9th key started the growth; 8 slots move per insert after it.
    expect(i).toBe(9);
    while (map.growing) put(`user${i}@example.com`, i++);
    expect(i).toBe(11);
    // Across larger growths, lookups, updates and deletes reach keys in either table.
    let checked = 0;
    for (; i < 40_000; i++) {
      put(`user${i}@example.com`, i);
      if (i % 100 === 0) {
        map.delete(`user${i >> 1}@example.com`);
        model.delete(`user${i >> 1}@example.com`);
        put(`user${i >> 2}@example.com`, -i);
      }
      if (map.growing && i % 7 === 0) {
        checked += 1;
        for (const probe of [i >> 1, i >> 2, i >> 3, i - 1, i + 1]) expect(map.get(`user${probe}@example.com`)).toBe(model.get(`user${probe}@example.com`));
      }
    }
    expect(checked).toBeGreaterThan(100);
    expectSame(map, model, ['user0@example.com', 'user39999@example.com', 'nobody@example.com']);
    for (const [k, v] of model) expect(map.get(k)).toBe(v);
  });

  it('clear() in the middle of a growth leaves it empty, with no growth under way, and usable again', () => {
    const cleared = new StringMap<number>();
    while (!cleared.growing) cleared.set(`k${cleared.size}`, cleared.size);
    cleared.clear();
    expect([cleared.size, cleared.growing, cleared.get('k0')]).toEqual([0, false, undefined]);
    for (let k = 0; k < 100; k++) cleared.set(`k${k}`, k);
    expect([...cleared.values()]).toEqual(Array.from({ length: 100 }, (_, k) => k));
  });

  it('set on an existing key replaces the value in place; delete then set moves it to the end', () => {
    const map = new StringMap<string>();
    map.set('a', '1').set('b', '2').set('c', '3');
    map.set('a', 'one');
    expect([...map.values()]).toEqual(['one', '2', '3']);
    map.delete('a');
    map.set('a', 'again');
    expect([...map.values()]).toEqual(['2', '3', 'again']);
  });

  it('keys are compared by content, not identity, and case matters (the collection folds first)', () => {
    const map = new StringMap<number>();
    map.set(['ab', 'c'].join(''), 1);
    expect(map.get('abc')).toBe(1);
    expect(map.has('ABC')).toBe(false);
    expect(map.get('')).toBeUndefined();
    map.set('', 2);
    expect(map.get('')).toBe(2);
  });

  it('an iterator sees entries added while it runs, through incremental growths, as a Map iterator does', () => {
    const map = new StringMap<number>();
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i);
    const seen: number[] = [];
    for (const v of map.values()) {
      seen.push(v);
      if (v === 1) for (let i = 5; i < 100; i++) map.set(`k${i}`, i);
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('an iterator finishes on the entries it started on when a rebuild closes holes', () => {
    const map = new StringMap<number>();
    for (let i = 0; i < 6; i++) map.set(`k${i}`, i);
    map.delete('k0');
    const seen: number[] = [];
    for (const v of map.values()) {
      seen.push(v);
      if (v === 2) for (let i = 6; i < 100; i++) map.set(`k${i}`, i);
    }
    // A Map would also visit 6..99; no entry is visited twice or skipped among 1..5.
    expect(seen.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...map.values()]).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
  });

  it('hashKey: the seed changes every hash, and no seed is seed 0 (keys that collide in one map need not in another)', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    expect(keys.map((k) => hashKey(k, 0))).toEqual(keys.map((k) => hashKey(k)));
    const same = keys.filter((k) => hashKey(k, 0x9e3779b9) === hashKey(k, 0));
    expect(same.length).toBeLessThan(3);
  });
});
