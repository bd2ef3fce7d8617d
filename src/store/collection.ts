import { ColdStore, type ColdCodec } from './cold-store.js';
import { ColdTier, type ColdPart } from './cold-tier.js';
import { StringMap } from './string-map.js';
import { deepFreeze, fold } from '../json-values.js';

/**
 * An in-memory collection keyed by `_id`, with case-insensitive unique indexes.
 * Every lookup is a hash-table access (`StringMap`): the cost of a uniqueness check does not
 * depend on how many documents are stored.
 */
export interface Doc {
  _id: string;
}

/**
 * Gives `add` each value a document occupies in an index (no key list is allocated: a
 * registration's uniqueness check writes the keys into arrays the collection reuses).
 */
export type KeyOf<T> = (doc: T, add: (key: string) => void) => void;

interface Index<T> {
  name: string;
  keys: KeyOf<T>;
  map: StringMap<string>;
}

/** What changed in a collection: a document stored (inserted or replaced), deleted, or all cleared. */
export type CollectionChange<T> = { op: 'put'; doc: T } | { op: 'delete'; id: string } | { op: 'clear' };
export interface CollectionOptions {
  /**
   * Deep-freeze every stored document. Writes already replace documents (`update` changes a
   * copy), so frozen documents can be shared safely between the live collection, the seeded
   * initial state and snapshots: reset and sandboxes then cost no copy and no extra memory
   * per document. Changing a returned document in place throws a TypeError.
   */
  frozen?: boolean;
}

export class Collection<T extends Doc> {
  /** The hot tier: documents by `_id` (a `StringMap`, in insertion order). */
  readonly #docs = new StringMap<T>();
  /** The cold tier (after `compact`): documents off the V8 heap, read on demand. */
  #cold?: ColdTier<T>;
  /** Between `beginColdInserts` and `endColdInserts`: inserts go to the cold tier. */
  #coldInserts = false;
  /** A list, not a Map: writes walk it without an iterator object; `#index(name)` finds one. */
  readonly #indexes: Index<T>[] = [];
  /**
   * `#clash`'s folded keys and the map each goes to, the first `#keyCount` of them: reused by
   * every write (writes do not nest), never truncated (`length = 0` drops an array's storage,
   * so every write would allocate it again).
   */
  readonly #keys: string[] = [];
  readonly #maps: StringMap<string>[] = [];
  #keyCount = 0;
  readonly #addKey = (key: string): void => {
    this.#keys[this.#keyCount++] = key;
  };
  /** Called after every successful write (persistence, caches); one listener, set by the state owner. */
  onChange?: (change: CollectionChange<T>) => void;

  constructor(private readonly options: CollectionOptions = {}) {}

  /**
   * Declare a unique, case-folded index. `keys` gives the values a document occupies. Not
   * once there is a cold tier: its store has no table for the index, so clashes would pass.
   */
  addUniqueIndex(name: string, keys: KeyOf<T>): void {
    if (this.#cold) throw new Error(`cannot add index ${name} to a collection with a cold tier`);
    const map = new StringMap<string>(this.#docs.size);
    for (const doc of this.#docs.values()) for (const k of keysOf(keys, doc)) map.set(fold(k), doc._id);
    const index = { name, keys, map };
    const at = this.#indexes.findIndex((i) => i.name === name);
    if (at === -1) this.#indexes.push(index);
    else this.#indexes[at] = index;
  }

  get size(): number {
    return this.#docs.size + (this.#cold?.live ?? 0);
  }

  get(id: string): T | undefined {
    return this.#docs.get(id) ?? this.#cold?.byId(id)?.doc;
  }

  /** The document holding `value` in index `name` (case-insensitive). */
  findBy(name: string, value: string): T | undefined {
    const key = fold(value);
    const id = this.#index(name).map.get(key);
    return id === undefined ? this.#cold?.byKey(name, key)?.doc : this.#docs.get(id);
  }

  has(name: string, value: string): boolean {
    const key = fold(value);
    return this.#index(name).map.has(key) || this.#cold?.byKey(name, key) !== undefined;
  }

  /** Insert a document; returns the name of the violated index instead of inserting on a clash. */
  insert(doc: T): string | undefined {
    if (this.#docs.has(doc._id) || this.#cold?.byId(doc._id)) return '_id';
    const clash = this.#clash(doc);
    if (clash) return clash;
    if (this.#coldInserts) this.#cold!.add(doc);
    else {
      if (this.options.frozen) deepFreeze(doc);
      this.#docs.set(doc._id, doc);
      this.#indexClashFree(doc._id);
    }
    this.onChange?.({ op: 'put', doc });
    return undefined;
  }

  /** Replace a document after a change; returns the violated index name, leaving the old one in place. */
  update(id: string, change: (draft: T) => T): string | undefined {
    const hot = this.#docs.get(id);
    const cold = hot ? undefined : this.#cold?.byId(id);
    const old = hot ?? cold?.doc;
    if (!old) return 'missing';
    const next = change(structuredClone(old));
    if (next._id !== id) return '_id';
    // Take the old document out of the indexes (or the cold tier) so it cannot clash with itself.
    if (cold) this.#cold!.retire(cold.record, id);
    else this.#unindexDoc(old);
    const clash = this.#clash(next);
    if (clash) {
      if (cold) this.#cold!.reinstate(cold.record, id);
      else this.#indexDoc(old);
      return clash;
    }
    if (this.options.frozen) deepFreeze(next);
    this.#docs.set(id, next);
    this.#indexClashFree(id);
    this.onChange?.({ op: 'put', doc: next });
    return undefined;
  }

  delete(id: string): boolean {
    const doc = this.#docs.get(id);
    if (doc) {
      this.#unindexDoc(doc);
      this.#docs.delete(id);
      this.#cold?.forget(id);
    } else {
      const cold = this.#cold?.byId(id);
      if (!cold) return false;
      this.#cold!.retire(cold.record);
    }
    this.onChange?.({ op: 'delete', id });
    return true;
  }

  /** Every document, in insertion order (an updated document keeps its place). */
  values(): IterableIterator<T> {
    return this.#cold ? this.#allValues(this.#cold) : this.#docs.values();
  }

  *#allValues(cold: ColdTier<T>): Generator<T> {
    yield* cold.values((id) => this.#docs.get(id));
    for (const doc of this.#docs.values()) if (!cold.isMoved(doc._id)) yield doc;
  }

  clear(): void {
    this.#clearTiers();
    this.onChange?.({ op: 'clear' });
  }

  #clearTiers(): void {
    this.#coldInserts = false;
    this.#docs.clear();
    for (const index of this.#indexes) index.map.clear();
    this.#cold = undefined;
  }

  /**
   * Move every document to a cold tier held off the V8 heap (`ColdStore`), encoded with
   * `codec`. Reads decode on demand; writes go to the hot tier. Nothing observable changes
   * but speed: the state, the order and every lookup stay the same, and no change is emitted.
   */
  compact(codec: ColdCodec<T>): void {
    this.beginColdInserts(codec, 0);
    this.endColdInserts();
  }

  /**
   * `compact`, then send inserts to the cold tier too until `endColdInserts` (a bulk seed:
   * its documents never live on the heap, so they leave no garbage there). Updates and
   * deletes are not expected meanwhile; `expected` sizes the store.
   */
  beginColdInserts(codec: ColdCodec<T>, expected: number): void {
    const docs = [...this.values()];
    const indexes = this.#indexes.map(({ name, keys }) => ({ name, keys: (doc: T) => keysOf(keys, doc).map(fold) }));
    const store = new ColdStore(indexes, this.options.frozen ? { encode: codec.encode, decode: (text) => deepFreeze(codec.decode(text)) } : codec, docs.length + expected);
    for (const doc of docs) store.add(doc);
    this.#clearTiers();
    this.#cold = new ColdTier({ store, live: docs.length, gone: new Uint8Array(docs.length), moved: new Map() });
    this.#coldInserts = true;
  }

  endColdInserts(): void {
    this.#coldInserts = false;
  }

  /** The cold tier as a state copy keeps it (with `hot()`, the documents outside it), or undefined. */
  coldPart(): ColdPart<T> | undefined {
    return this.#cold?.part();
  }

  /** The hot tier's documents (all of them when nothing was compacted). */
  hot(): IterableIterator<T> {
    return this.#docs.values();
  }

  /** Empty the collection and serve `part`'s documents from a cold tier (then insert the hot ones). */
  attachCold(part: ColdPart<T>): void {
    this.#clearTiers();
    this.#cold = new ColdTier(part);
  }

  /** A loop, not `Array.find` with a closure: every uniqueness check (`findBy`, `has`) comes here. */
  #index(name: string): Index<T> {
    for (let i = 0; i < this.#indexes.length; i++) if (this.#indexes[i]!.name === name) return this.#indexes[i]!;
    throw new Error(`no index ${name}`);
  }

  /**
   * The first index in which `doc` clashes with a stored document, or undefined. Each key is
   * computed and folded once: what `#indexClashFree` then stores is left in the scratch arrays
   * (no allocation per key).
   */
  #clash(doc: T): string | undefined {
    const keys = this.#keys;
    this.#keyCount = 0;
    for (let i = 0; i < this.#indexes.length; i++) {
      const { name, keys: occupied, map } = this.#indexes[i]!;
      const first = this.#keyCount;
      occupied(doc, this.#addKey);
      for (let k = first; k < this.#keyCount; k++) {
        const key = fold(keys[k]!);
        if (map.has(key) || this.#cold?.byKey(name, key)) return name;
        keys[k] = key;
        this.#maps[k] = map;
      }
    }
    return undefined;
  }

  /** Index document `id` under the keys the last `#clash` (which found none) folded. */
  #indexClashFree(id: string): void {
    for (let i = 0; i < this.#keyCount; i++) this.#maps[i]!.set(this.#keys[i]!, id);
  }

  #indexDoc(doc: T): void {
    for (const { keys, map } of this.#indexes) for (const k of keysOf(keys, doc)) map.set(fold(k), doc._id);
  }

  #unindexDoc(doc: T): void {
    for (const { keys, map } of this.#indexes) for (const k of keysOf(keys, doc)) map.delete(fold(k));
  }
}

/** The values `doc` occupies in an index, as a new array (off the hot path). */
function keysOf<T>(keys: KeyOf<T>, doc: T): string[] {
  const out: string[] = [];
  keys(doc, (key) => out.push(key));
  return out;
}
