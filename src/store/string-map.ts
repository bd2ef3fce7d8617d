import { randomBytes } from 'node:crypto';
import { ChunkedList } from './chunked-list.js';
import { hashKey } from './key-table.js';

/** An empty slot's hash; `#hashOf` never returns it. */
const EMPTY = 0;
/** Never more than half the slots used (live and deleted entries): probe runs stay short. */
const MAX_LOAD = 0.5;
/** The smallest table. */
const MIN_SLOTS = 16;
/**
 * Old slots moved per insert while the map grows (`#grow`). Any number above 2 finishes
 * before the new table is half full again; 8 finishes in a quarter of that time.
 */
const MOVES_PER_INSERT = 8;

/**
 * A `Map<string, V>` for the collections' documents and unique indexes: the same get, has,
 * set, delete, clear and insertion-ordered `values()`, faster once it holds hundreds of
 * thousands of keys, and without the pause a `Map` takes when it doubles.
 *
 * Why: every registration adds a key that is not there yet (a new `_id`, a new email). In a
 * large `Map` that walks a bucket chain whose entries and key strings lie in different places
 * on the heap: several cache misses per key (~0.5 µs per insert at 300,000 keys, see
 * docs/performance.md). Here each key's 32-bit hash is kept in an `Int32Array` probed
 * linearly (open addressing, as `KeyTable` does for the cold tier), next to the entry's
 * position: a missing key reads one or two cache lines and touches no key string. Keys and
 * values are kept in insertion order in two `ChunkedList`s, as a `Map` keeps them (lists that
 * grow without copying); a deleted entry leaves a hole until a rebuild closes it.
 *
 * Growing is incremental: the insert that fills half the slots starts a table twice as large,
 * and each later insert moves a few slots of the old one into it (lookups probe both until it
 * is empty). Rehashing 131,072 keys at once held the event loop ~10 ms per map.
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
   * While growing: the previous slots, whose first `#moved` slots are in `#slots` already.
   * Nothing is removed from it, so its probe runs stay whole and lookups still find the rest.
   */
  #old: Int32Array | undefined;
  #oldMask = 0;
  #moved = 0;
  /**
   * Entries in insertion order; a deleted one is an `undefined` key (a hole). Every position,
   * hole or not, has at most one slot: `#keys.length` bounds the slots in use.
   */
  #keys = new ChunkedList<string | undefined>();
  #values = new ChunkedList<V | undefined>();
  #size = 0;
  readonly #seed = randomBytes(4).readUInt32LE(0);

  constructor(capacity = 0) {
    const slots = Math.max(MIN_SLOTS, 2 ** Math.ceil(Math.log2((capacity + 1) / MAX_LOAD)));
    this.#slots = new Int32Array(slots * 2);
    this.#mask = slots - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Whether a growth is under way (old slots still to move): for tests. */
  get growing(): boolean {
    return this.#old !== undefined;
  }

  get(key: string): V | undefined {
    const position = this.#position(key, this.#hashOf(key));
    return position < 0 ? undefined : this.#values.at(position);
  }

  has(key: string): boolean {
    return this.#position(key, this.#hashOf(key)) >= 0;
  }

  /** Add `key` at the end, or replace its value where it is (as `Map.set`). */
  set(key: string, value: V): this {
    const hash = this.#hashOf(key);
    const found = this.#position(key, hash);
    if (found >= 0) {
      this.#values.set(found, value);
      return this;
    }
    if (this.#old) this.#move(MOVES_PER_INSERT);
    if (this.#keys.length + 1 > (this.#mask + 1) * MAX_LOAD) this.#grow();
    this.#place(hash, this.#keys.length);
    this.#keys.push(key);
    this.#values.push(value);
    this.#size += 1;
    return this;
  }

  delete(key: string): boolean {
    const position = this.#position(key, this.#hashOf(key));
    if (position < 0) return false;
    this.#keys.set(position, undefined);
    this.#values.set(position, undefined);
    this.#size -= 1;
    return true;
  }

  /** Empty, back to the smallest table (as `Map.clear` gives its memory back). */
  clear(): void {
    this.#slots = new Int32Array(MIN_SLOTS * 2);
    this.#mask = MIN_SLOTS - 1;
    this.#old = undefined;
    this.#keys = new ChunkedList();
    this.#values = new ChunkedList();
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
    for (let i = 0; i < keys.length; i++) if (keys.at(i) !== undefined) yield values.at(i) as V;
  }

  /**
   * The entry position of `key`, or -1. An entry not yet moved is still in the old slots; a
   * moved one is found in the new slots first.
   */
  #position(key: string, hash: number): number {
    const found = this.#probe(this.#slots, this.#mask, key, hash);
    return found >= 0 || this.#old === undefined ? found : this.#probe(this.#old, this.#oldMask, key, hash);
  }

  /** A probe run stops at the first EMPTY slot. */
  #probe(slots: Int32Array, mask: number, key: string, hash: number): number {
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const h = slots[slot * 2]!;
      if (h === EMPTY) return -1;
      if (h === hash) {
        const position = slots[slot * 2 + 1]!;
        if (this.#keys.at(position) === key) return position;
      }
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
   * Half the slots are in use: start a table twice as large and let inserts move the old
   * slots (`#move`). With many holes (more than an eighth as many as live entries), rebuild at
   * once instead, closing them.
   */
  #grow(): void {
    // Never true at 8 moves per insert (a growth ends long before the next); kept so that a
    // smaller MOVES_PER_INSERT cannot leave a third table, and because `#rebuild` reads the
    // current slots only: entries still in the old ones would be lost.
    if (this.#old) this.#move(Infinity);
    if (this.#keys.length - this.#size > this.#size / 8) {
      this.#rebuild();
      return;
    }
    this.#old = this.#slots;
    this.#oldMask = this.#mask;
    this.#moved = 0;
    this.#slots = new Int32Array(this.#slots.length * 2);
    this.#mask = this.#mask * 2 + 1;
  }

  /** Move up to `count` more old slots into the new table (a deleted entry is dropped). */
  #move(count: number): void {
    const old = this.#old!;
    const end = Math.min(old.length / 2, this.#moved + count);
    for (let slot = this.#moved; slot < end; slot++) {
      const hash = old[slot * 2]!;
      if (hash === EMPTY) continue;
      const position = old[slot * 2 + 1]!;
      if (this.#keys.at(position) !== undefined) this.#place(hash, position);
    }
    this.#moved = end;
    if (end === old.length / 2) this.#old = undefined;
  }

  /**
   * Rebuild the slots for the live entries and the insert that asked (twice as many slots when
   * needed) without the deleted ones, closing the holes into new entry lists: an iterator on
   * the old ones finishes on them undisturbed. It visits every entry at once; only many deletes
   * call it.
   */
  #rebuild(): void {
    const live = this.#size + 1;
    let slots = this.#mask + 1;
    while (live > slots * MAX_LOAD * 0.5) slots *= 2;
    // Each live entry's hash by its position, read from the slots: no key is hashed again.
    const hashAt = new Int32Array(this.#keys.length);
    const old = this.#slots;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) hashAt[old[i + 1]!] = old[i]!;
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    this.#slots = new Int32Array(slots * 2);
    this.#mask = slots - 1;
    this.#keys = new ChunkedList();
    this.#values = new ChunkedList();
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys.at(i);
      if (key === undefined) continue;
      this.#place(hashAt[i]!, this.#keys.length);
      this.#keys.push(key);
      this.#values.push(oldValues.at(i));
    }
  }

  /** The key's seeded hash (`hashKey`), never EMPTY. */
  #hashOf(key: string): number {
    return hashKey(key, this.#seed) || 1;
  }
}
