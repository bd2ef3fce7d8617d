/**
 * `JSON.stringify(doc)` for documents with `Date`s in them, byte for byte, ~3× faster.
 *
 * Why: V8's serializer leaves its fast path at the first value with a `toJSON` method (a
 * `Date`) and serializes the rest of the object slowly: a registered user (three Dates) took
 * ~4 µs, the same document with ISO strings ~1.4 µs. Here plain objects are walked in their
 * key order and every `Date` is written from a one-entry cache (users registered in the same
 * millisecond share one `Date`, see `Workspace.now`); strings without characters to escape
 * are quoted as they are; arrays are walked too; every other value (numbers, objects with a
 * `toJSON` or another prototype) goes to `JSON.stringify` whole. JSON text is compositional, so the pieces joined are the text the whole
 * would give.
 */
export class DocJson {
  #date: Date | undefined;
  #time = Number.NaN;
  #dateText = '';
  /** Each key's JSON text (keys repeat from document to document). */
  readonly #keys = new Map<string, string>();

  /** The text `JSON.stringify(doc)` gives. */
  encode(doc: object): string {
    return this.#value(doc)!;
  }

  #object(obj: Record<string, unknown>): string {
    let out = '{';
    for (const key in obj) {
      const text = this.#value(obj[key]);
      if (text === undefined) continue;
      out += out.length === 1 ? this.#key(key) + text : ',' + this.#key(key) + text;
    }
    return out + '}';
  }

  /** A value's JSON text, or undefined where `JSON.stringify` leaves the key out. */
  #value(value: unknown): string | undefined {
    if (typeof value === 'string') return plainString(value) ? '"' + value + '"' : JSON.stringify(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    if (value instanceof Date) return this.#dateJson(value);
    // Plain objects and arrays only, without a toJSON of their own: anything else goes whole.
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) return this.#object(value as Record<string, unknown>);
    if (proto === Array.prototype) return this.#array(value as unknown[]);
    return JSON.stringify(value);
  }

  /** An array's text: undefined, functions and holes are `null` in arrays. */
  #array(list: unknown[]): string {
    let out = '[';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += ',';
      out += this.#value(list[i]) ?? 'null';
    }
    return out + ']';
  }

  #dateJson(date: Date): string {
    const time = date.getTime();
    if (date !== this.#date || time !== this.#time) {
      this.#date = date;
      this.#time = time;
      this.#dateText = JSON.stringify(date);
    }
    return this.#dateText;
  }

  #key(key: string): string {
    let text = this.#keys.get(key);
    if (text === undefined) {
      text = JSON.stringify(key) + ':';
      if (this.#keys.size < 1024) this.#keys.set(key, text);
    }
    return text;
  }
}

/**
 * Whether `JSON.stringify` writes `text` as it is between quotes: no control character, quote,
 * backslash or surrogate (a lone one is escaped; a pair is checked by `JSON.stringify`).
 */
function plainString(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}
