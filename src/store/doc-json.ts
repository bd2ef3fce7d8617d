/**
 * `JSON.stringify(doc)` for documents with `Date`s in them, the same text ~3.5× faster.
 *
 * Why: V8's serializer leaves its fast path at the first value with a `toJSON` method (a
 * `Date`) and serializes the rest of the object slowly: a registered user (three Dates) took
 * ~4.3 µs, here ~1.2 µs. Plain objects and arrays are walked in key order; every `Date` is
 * written from a one-entry cache (users registered in the same millisecond share one `Date`,
 * see `Workspace.now`); strings without characters to escape are quoted as they are; a value
 * with any other `toJSON` goes through `JSON.stringify` under its own key; the rest (numbers,
 * objects of other prototypes) through `JSON.stringify` whole. JSON text is compositional, so
 * the pieces joined are the text the whole would give.
 *
 * For documents of plain data, as stored documents are. Unlike `JSON.stringify`, it walks
 * enumerable properties inherited from `Object.prototype` too (a polluted prototype), and a
 * cycle overflows the stack (RangeError) instead of a TypeError.
 */
export class DocJson {
  #date: Date | undefined;
  #time = Number.NaN;
  #dateText = '';
  /** Each key's JSON text (keys repeat from document to document). */
  readonly #keys = new Map<string, string>();

  /** The text `JSON.stringify(doc)` gives. */
  encode(doc: object): string {
    return this.#value(doc, '')!;
  }

  #object(obj: Record<string, unknown>): string {
    let out = '{';
    for (const key in obj) {
      const text = this.#value(obj[key], key);
      if (text === undefined) continue;
      out += out.length === 1 ? this.#key(key) + text : ',' + this.#key(key) + text;
    }
    return out + '}';
  }

  /** The JSON text of `value` held under `key`, or undefined where `JSON.stringify` leaves the key out. */
  #value(value: unknown, key: string): string | undefined {
    if (typeof value === 'string') return plainString(value) ? '"' + value + '"' : JSON.stringify(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'bigint') return underKey(key, value);
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJSON === DATE_TO_JSON && value instanceof Date ? this.#dateJson(value) : underKey(key, value);
    // Plain objects and arrays are walked; anything else goes whole.
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
      out += this.#value(list[i], String(i)) ?? 'null';
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

const DATE_TO_JSON = Date.prototype.toJSON;

/** `value` as `JSON.stringify` writes it under `key` (its `toJSON` is called with the key). */
function underKey(key: string, value: unknown): string | undefined {
  const text = JSON.stringify({ [key]: value });
  return text === '{}' ? undefined : text.slice(JSON.stringify(key).length + 2, -1);
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
