import { randomBytes } from 'node:crypto';
import { hashKey } from './key-table.js';

/** An empty slot's hash; `#hashOf` never returns it. */
const EMPTY = 0;
/** Never more than half the slots used (live and deleted entries): probe runs stay short. */
const MAX_LOAD = 0.5;

/**
 * A `Map<string, V>` for the collections' documents and unique indexes: the same get, has,
 * set, delete, clear and insertion-ordered `values()`, faster once it holds hundreds of
 * thousands of keys.
 *
 * Why: every registration adds a key that is not there yet (a new `_id`, a new email). In a
 * large `Map` that walks a bucket chain whose entries and key strings lie in different places
 * on the heap: several cache misses per key (~0.5 µs per insert at 300,000 keys, see
 * docs/performance.md). Here each key's 32-bit hash is kept in an `Int32Array` probed
 * linearly (open addressing, as `KeyTable` does for the cold tier), next to the entry's
 * position: a missing key reads one or two cache lines and touches no key string. Keys and
 * values are kept in insertion order in two arrays, as a `Map` keeps them; a deleted entry
 * leaves a hole until the next rebuild closes it.
 *
 * The hash is seeded per map (random), so keys chosen to collide cannot be precomputed.
 */
export class StringMap<V> {
  /**
   * Slot i is `[2i]` the key's hash (or EMPTY) and `[2i + 1]` the entry's position in
   * `#keys`/`#values`: side by side, so placing a key writes one cache line. A deleted entry's
   * slot stays until the next rebuild (probes pass over it; its key is gone, so none matches).
   */
  #slots: Int32Array;
  #mask: number;
  /**
   * Entries in insertion order; a deleted one is an `undefined` key (a hole). Every position,
   * hole or not, has one slot until the next rebuild: `#keys.length` is the slots in use.
   */
  #keys: (string | undefined)[] = [];
  #values: (V | undefined)[] = [];
  #size = 0;
  readonly #seed = randomBytes(4).readUInt32LE(0);

  constructor(capacity = 0) {
    const slots = 2 ** Math.max(4, Math.ceil(Math.log2((capacity + 1) / MAX_LOAD)));
    this.#slots = new Int32Array(slots * 2);
    this.#mask = slots - 1;
  }

  get size(): number {
    return this.#size;
  }

  get(key: string): V | undefined {
    const slot = this.#find(key, this.#hashOf(key));
    return slot < 0 ? undefined : this.#values[this.#slots[slot * 2 + 1]!];
  }

  has(key: string): boolean {
    return this.#find(key, this.#hashOf(key)) >= 0;
  }

  /** Add `key` at the end, or replace its value where it is (as `Map.set`). */
  set(key: string, value: V): this {
    const hash = this.#hashOf(key);
    const found = this.#find(key, hash);
    if (found >= 0) {
      this.#values[this.#slots[found * 2 + 1]!] = value;
      return this;
    }
    if (this.#keys.length + 1 > (this.#mask + 1) * MAX_LOAD) this.#rebuild(this.#size + 1);
    this.#place(hash, this.#keys.length);
    this.#keys.push(key);
    this.#values.push(value);
    this.#size += 1;
    return this;
  }

  delete(key: string): boolean {
    const slot = this.#find(key, this.#hashOf(key));
    if (slot < 0) return false;
    const position = this.#slots[slot * 2 + 1]!;
    this.#keys[position] = undefined;
    this.#values[position] = undefined;
    this.#size -= 1;
    return true;
  }

  clear(): void {
    this.#slots.fill(EMPTY);
    this.#keys = [];
    this.#values = [];
    this.#size = 0;
  }

  /**
   * The values in insertion order. Not a `Map`'s live iterator: entries added while it runs
   * are seen only until a rebuild that closes holes (see `#rebuild`); after one, it finishes on
   * the entries as they were. No caller writes while iterating.
   */
  *values(): IterableIterator<V> {
    const keys = this.#keys;
    const values = this.#values;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== undefined) yield values[i] as V;
  }

  /** The slot holding `key`, or -1. A probe stops at the first EMPTY slot. */
  #find(key: string, hash: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const h = slots[slot * 2]!;
      if (h === EMPTY) return -1;
      if (h === hash && this.#keys[slots[slot * 2 + 1]!] === key) return slot;
    }
  }

  #place(hash: number, position: number): void {
    const slots = this.#slots;
    let slot = hash & this.#mask;
    while (slots[slot * 2] !== EMPTY) slot = (slot + 1) & this.#mask;
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = position;
  }

  /**
   * Rebuild the slots for `live` entries without the deleted ones (twice as many slots when
   * needed). Holes in the entry arrays are closed into new arrays: an iterator on the old ones
   * finishes on them undisturbed. Without holes the arrays stay, so an iterator sees entries
   * added while it runs, as a `Map`'s does.
   */
  #rebuild(live: number): void {
    let slots = this.#mask + 1;
    while (live > slots * MAX_LOAD * 0.5) slots *= 2;
    // Each live entry's hash by its position, read from the slots: no key is hashed again.
    const hashAt = new Int32Array(this.#keys.length);
    const old = this.#slots;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) hashAt[old[i + 1]!] = old[i]!;
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const holes = oldKeys.length > this.#size;
    this.#slots = new Int32Array(slots * 2);
    this.#mask = slots - 1;
    if (!holes) {
      for (let i = 0; i < oldKeys.length; i++) this.#place(hashAt[i]!, i);
      return;
    }
    this.#keys = [];
    this.#values = [];
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === undefined) continue;
      this.#place(hashAt[i]!, this.#keys.length);
      this.#keys.push(key);
      this.#values.push(oldValues[i]);
    }
  }

  /** The key's seeded hash (`hashKey`), never EMPTY. */
  #hashOf(key: string): number {
    return hashKey(key, this.#seed) || 1;
  }
}
