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
 * An immutable block of documents held off the V8 heap: their encoded text in one buffer,
 * record offsets in a `Float64Array`, and a `KeyTable` per unique index and for `_id`.
 * A million seeded users cost the heap a handful of objects instead of ~15 million, which is
 * what keeps young-generation GC pauses as short as with a thousand (docs/performance.md).
 * Reading a document decodes it (~3 µs); lookups that find nothing decode nothing.
 * `current(record)` lets the owning collection skip records it has replaced or deleted.
 */
export class ColdStore<T extends Doc> {
  readonly #tables = new Map<string, { keys: (doc: T) => string[]; table: KeyTable }>();
  readonly #ids: KeyTable;

  private constructor(
    readonly size: number,
    private readonly text: Buffer,
    private readonly offsets: Float64Array,
    private readonly codec: ColdCodec<T>,
  ) {
    this.#ids = new KeyTable(size);
  }

  static build<T extends Doc>(docs: readonly T[], indexes: readonly ColdIndex<T>[], codec: ColdCodec<T>): ColdStore<T> {
    const offsets = new Float64Array(docs.length + 1);
    let text = Buffer.allocUnsafe(Math.max(1024, docs.length * 512));
    let at = 0;
    docs.forEach((doc, i) => {
      const encoded = codec.encode(doc);
      if (at + encoded.length * 3 > text.length) {
        const bigger = Buffer.allocUnsafe(Math.max(text.length * 2, at + encoded.length * 3));
        text.copy(bigger, 0, 0, at);
        text = bigger;
      }
      offsets[i] = at;
      at += text.write(encoded, at, 'utf8');
    });
    offsets[docs.length] = at;
    const store = new ColdStore(docs.length, text.subarray(0, at), offsets, codec);
    for (const { name, keys } of indexes) {
      const table = new KeyTable(docs.length);
      docs.forEach((doc, i) => {
        for (const key of keys(doc)) table.add(key, i);
      });
      store.#tables.set(name, { keys, table });
    }
    docs.forEach((doc, i) => store.#ids.add(doc._id, i));
    return store;
  }

  /** The document at `record`, decoded. */
  doc(record: number): T {
    return this.codec.decode(this.text.toString('utf8', this.offsets[record], this.offsets[record + 1]));
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
