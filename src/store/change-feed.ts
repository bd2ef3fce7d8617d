/**
 * Listeners of one state owner's changes (persistence, the data API's cache). The owner emits
 * after each successful write; `mute()` runs a bulk replacement (reset, restore, replay) without
 * one event per document, and the owner then emits a single summary event itself.
 */
export class ChangeFeed<E> {
  readonly #listeners = new Set<(event: E) => void>();
  #muted = 0;

  /** Add a listener; returns a function that removes it. */
  on(listener: (event: E) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: E): void {
    if (this.#muted > 0) return;
    for (const listener of this.#listeners) listener(event);
  }

  /** Run `work` with events suppressed. */
  mute<R>(work: () => R): R {
    this.#muted++;
    try {
      return work();
    } finally {
      this.#muted--;
    }
  }
}
