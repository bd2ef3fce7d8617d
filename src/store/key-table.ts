/**
 * A fixed-size hash table from string keys to record numbers, kept in two `Int32Array`s: off
 * the V8 heap, no object per key. It stores only each key's 32-bit hash, so a lookup yields
 * *candidates* (records whose key has the same hash) and the owner checks each against the
 * record itself. Used by `ColdStore` for a million seeded users, where a `Map` keyed by
 * strings would put three million more objects on the heap.
 */
export class KeyTable {
  /** Record number + 1 per slot; 0 is an empty slot. */
  #slots: Int32Array;
  #hashes: Int32Array;
  #mask: number;
  #count = 0;

  /** A table sized for `capacity` keys; it doubles itself to stay at most half full. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.#slots = new Int32Array(size);
    this.#hashes = new Int32Array(size);
    this.#mask = size - 1;
  }

  add(key: string, record: number): void {
    if ((this.#count + 1) * 2 > this.#slots.length) this.#resize(this.#slots.length * 2);
    this.#place(hashKey(key), record + 1);
    this.#count += 1;
  }

  #place(hash: number, slot: number): void {
    let i = hash & this.#mask;
    while (this.#slots[i] !== 0) i = (i + 1) & this.#mask;
    this.#slots[i] = slot;
    this.#hashes[i] = hash;
  }

  /** Twice the slots; entries move by their stored hash (the keys themselves are not needed). */
  #resize(size: number): void {
    const slots = this.#slots;
    const hashes = this.#hashes;
    this.#slots = new Int32Array(size);
    this.#hashes = new Int32Array(size);
    this.#mask = size - 1;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== 0) this.#place(hashes[i], slots[i]);
  }

  /**
   * The first record for which `matches` is true among those whose key hashes like `key`, or
   * -1. `matches` confirms the candidate (its key really is `key`, and it is still current).
   */
  find(key: string, matches: (record: number) => boolean): number {
    const hash = hashKey(key);
    for (let i = hash & this.#mask; this.#slots[i] !== 0; i = (i + 1) & this.#mask) {
      if (this.#hashes[i] === hash && matches(this.#slots[i] - 1)) return this.#slots[i] - 1;
    }
    return -1;
  }
}

/**
 * FNV-1a over the UTF-16 code units, with a final avalanche so the low bits (the slot) mix well.
 * `seed` changes the start value (a table with a random seed cannot be fed precomputed collisions).
 */
export function hashKey(key: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
