import type { Doc } from './collection.js';
import type { ColdHit, ColdStore } from './cold-store.js';

/** A collection's cold tier as a state copy holds it: the shared store and what was retired from it. */
export interface ColdPart<T extends Doc> {
  readonly store: ColdStore<T>;
  /** How many of its records this copy still serves (the count of 0s in `gone`). */
  readonly live: number;
  /**
   * One byte per record this copy sees (the store may have grown since): 1 for each record
   * replaced by an update or deleted.
   */
  readonly gone: Uint8Array;
  /** `_id` of an updated document that now lives in the hot tier → the record it replaced. */
  readonly moved: ReadonlyMap<string, number>;
}

/**
 * The cold tier of one collection: a `ColdStore` shared by every state that came from it
 * (reset state, snapshots, sandboxes), plus this collection's own record of which stored
 * documents it has replaced or deleted. An updated document moves to the hot tier and keeps
 * its place in iteration order; a deleted one is skipped.
 */
export class ColdTier<T extends Doc> {
  readonly store: ColdStore<T>;
  #size: number;
  #gone: Uint8Array;
  readonly #moved: Map<string, number>;
  #live: number;
  readonly #current = (record: number): boolean => record < this.#size && this.#gone[record] === 0;

  constructor(part: ColdPart<T>) {
    this.store = part.store;
    this.#size = part.gone.length;
    this.#gone = new Uint8Array(Math.max(16, this.#size));
    this.#gone.set(part.gone);
    this.#moved = new Map(part.moved);
    this.#live = part.live;
  }

  /** Documents still served from this tier. */
  get live(): number {
    return this.#live;
  }

  byId(id: string): ColdHit<T> | undefined {
    return this.store.byId(id, this.#current);
  }

  byKey(name: string, key: string): ColdHit<T> | undefined {
    return this.store.byKey(name, key, this.#current);
  }

  /**
   * Append a document to the store (a bulk seed: `Collection.beginColdInserts`). Only the tier
   * that sees every record of the store may append; copies taken earlier do not see it.
   */
  add(doc: T): void {
    if (this.#size !== this.store.size) throw new Error('this cold tier does not own the end of its store');
    this.store.add(doc);
    this.#size += 1;
    if (this.#size > this.#gone.length) {
      const gone = new Uint8Array(this.#gone.length * 2);
      gone.set(this.#gone);
      this.#gone = gone;
    }
    this.#live += 1;
  }

  /** Stop serving `record`: replaced by the hot document `movedTo` (an update), or deleted. */
  retire(record: number, movedTo?: string): void {
    if (this.#gone[record] === 1) return;
    this.#gone[record] = 1;
    this.#live -= 1;
    if (movedTo !== undefined) this.#moved.set(movedTo, record);
  }

  /** Undo `retire(record, movedTo)` (an update that clashed with a unique index). */
  reinstate(record: number, movedTo: string): void {
    if (this.#gone[record] === 0) return;
    this.#gone[record] = 0;
    this.#live += 1;
    this.#moved.delete(movedTo);
  }

  /** Whether the hot document `id` stands in for a record of this tier. */
  isMoved(id: string): boolean {
    return this.#moved.has(id);
  }

  /** The moved document `id` was deleted from the hot tier: its record stays retired. */
  forget(id: string): void {
    this.#moved.delete(id);
  }

  /** Documents in record order; a moved record yields its hot replacement (`hot(id)`). */
  *values(hot: (id: string) => T | undefined): Generator<T> {
    const movedTo = new Map<number, string>();
    for (const [id, record] of this.#moved) movedTo.set(record, id);
    for (let record = 0; record < this.#size; record++) {
      if (this.#gone[record] === 0) yield this.store.doc(record);
      else {
        const id = movedTo.get(record);
        const doc = id === undefined ? undefined : hot(id);
        if (doc) yield doc;
      }
    }
  }

  part(): ColdPart<T> {
    return { store: this.store, live: this.#live, gone: this.#gone.slice(0, this.#size), moved: new Map(this.#moved) };
  }
}
