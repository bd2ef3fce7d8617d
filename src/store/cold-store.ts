import type { Doc } from './collection.js';
import { KeyTable } from './key-table.js';

/** How a collection's documents are written to and read back from text (JSON for users). */
export interface ColdCodec<T> {
  encode(doc: T): string;
  /** The document again, equal to the one encoded (dates revived, frozen if the collection is). */
  decode(text: string): T;
}

/** A unique index as the cold store sees it: the *folded* keys a document occupies. */
export interface ColdIndex<T> {
  name: string;
  keys: (doc: T) => string[];
}

/** A document found in the store, with its record number. */
export interface ColdHit<T> {
  record: number;
  doc: T;
}

/**
 * An append-only block of documents held off the V8 heap: their encoded text in one buffer,
 * record offsets in a `Float64Array`, and a `KeyTable` per unique index and for `_id`.
 * A million seeded users cost the heap a handful of objects instead of ~15 million, which is
 * what keeps young-generation GC pauses as short as with a thousand (docs/performance.md).
 * Reading a document decodes it (~3 µs); lookups that find nothing decode nothing.
 * `current(record)` lets the owning collection skip records it has replaced or deleted.
 */
export class ColdStore<T extends Doc> {
  readonly #tables = new Map<string, { keys: (doc: T) => string[]; table: KeyTable }>();
  readonly #ids: KeyTable;
  #capacity: number;
  #size = 0;
  #text: Buffer;
  #offsets: Float64Array;

  /** An empty store sized for `capacity` documents (it grows past that). */
  constructor(
    indexes: readonly ColdIndex<T>[],
    private readonly codec: ColdCodec<T>,
    capacity = 1024,
  ) {
    this.#capacity = Math.max(16, capacity);
    this.#text = Buffer.allocUnsafe(this.#capacity * 512);
    this.#offsets = new Float64Array(this.#capacity + 1);
    this.#ids = new KeyTable(this.#capacity);
    for (const { name, keys } of indexes) this.#tables.set(name, { keys, table: new KeyTable(this.#capacity) });
  }

  /** Records written so far. A state copy sees only the records that existed when it was taken. */
  get size(): number {
    return this.#size;
  }

  /** Append a document (the caller checked uniqueness); returns its record number. */
  add(doc: T): number {
    if (this.#size === this.#capacity) this.#grow();
    const record = this.#size;
    const encoded = this.codec.encode(doc);
    const at = this.#offsets[record];
    if (at + encoded.length * 3 > this.#text.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.#text.length * 2, at + encoded.length * 3));
      this.#text.copy(bigger, 0, 0, at);
      this.#text = bigger;
    }
    this.#offsets[record + 1] = at + this.#text.write(encoded, at, 'utf8');
    this.#index(doc, record);
    this.#size += 1;
    return record;
  }

  #index(doc: T, record: number): void {
    this.#ids.add(doc._id, record);
    for (const { keys, table } of this.#tables.values()) for (const key of keys(doc)) table.add(key, record);
  }

  /** Room for twice as many records (the key tables grow by themselves). */
  #grow(): void {
    this.#capacity *= 2;
    const offsets = new Float64Array(this.#capacity + 1);
    offsets.set(this.#offsets);
    this.#offsets = offsets;
  }

  /** The document at `record`, decoded. */
  doc(record: number): T {
    return this.codec.decode(this.#text.toString('utf8', this.#offsets[record], this.#offsets[record + 1]));
  }

  /** The current document with this `_id`. */
  byId(id: string, current: (record: number) => boolean): ColdHit<T> | undefined {
    return this.#find(this.#ids, id, current, (doc) => doc._id === id);
  }

  /** The current document holding the folded `key` in index `name`. */
  byKey(name: string, key: string, current: (record: number) => boolean): ColdHit<T> | undefined {
    const index = this.#tables.get(name);
    return index && this.#find(index.table, key, current, (doc) => index.keys(doc).includes(key));
  }

  #find(table: KeyTable, key: string, current: (record: number) => boolean, holds: (doc: T) => boolean): ColdHit<T> | undefined {
    let doc: T | undefined;
    const record = table.find(key, (r) => {
      if (!current(r)) return false;
      const candidate = this.doc(r);
      if (!holds(candidate)) return false;
      doc = candidate;
      return true;
    });
    return record === -1 ? undefined : { record, doc: doc! };
  }
}
