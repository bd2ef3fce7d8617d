/** Entries per chunk (a power of two): growing a chunk copies at most this many. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/**
 * An append-only list of values by position, kept in chunks of 4,096: growing it never
 * copies what is already there. A plain array grows by 1.5x with a copy of every element; at
 * 171,719 entries that copy held an insert for ~12 ms, and `StringMap` keeps two such arrays
 * per map, all three of a collection's maps growing on the same insert (docs/performance.md).
 * Positions are written with `set` (a hole is `undefined`), never removed.
 */
export class ChunkedList<T> {
  readonly #chunks: T[][] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: T): void {
    if ((this.#length & MASK) === 0) this.#chunks.push([]);
    this.#chunks[this.#length >>> CHUNK_BITS]!.push(value);
    this.#length += 1;
  }

  /** The value at `position` (below `length`). */
  at(position: number): T {
    return this.#chunks[position >>> CHUNK_BITS]![position & MASK]!;
  }

  /** Overwrite the value at `position` (below `length`). */
  set(position: number, value: T): void {
    this.#chunks[position >>> CHUNK_BITS]![position & MASK] = value;
  }
}
