import { randomFillSync } from 'node:crypto';

const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A source of Meteor-style ids: 17 characters from Meteor's "unmistakable" alphabet. */
export interface IdSource {
  id(length?: number): string;
  secret(length?: number): string;
}

/**
 * Cryptographically random ids (Meteor's `Random.id()` / `Random.secret()`), drawn without
 * modulo bias from a pooled buffer: one `randomFillSync` per 4 KiB instead of one per id.
 */
export function randomIds(): IdSource {
  const pool = Buffer.allocUnsafe(4096);
  let pos = pool.length;
  const chars = new CharBuffer();
  const draw = (alphabet: string, length: number) => {
    const limit = 256 - (256 % alphabet.length);
    chars.start(length);
    while (chars.length < length) {
      if (pos >= pool.length) {
        randomFillSync(pool);
        pos = 0;
      }
      const b = pool[pos++];
      if (b < limit) chars.push(alphabet.charCodeAt(b % alphabet.length));
    }
    return chars.text();
  };
  return { id: (length = 17) => draw(UNMISTAKABLE, length), secret: (length = 43) => draw(BASE64URL, length) };
}

/** Deterministic ids from a seed (mulberry32), used by the seeder so the same seed gives the same users. */
export function seededIds(seed: number): IdSource {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const chars = new CharBuffer();
  const draw = (alphabet: string, length: number) => {
    chars.start(length);
    for (let i = 0; i < length; i++) chars.push(alphabet.charCodeAt(Math.floor(next() * 256) % alphabet.length));
    return chars.text();
  };
  return { id: (length = 17) => draw(UNMISTAKABLE, length), secret: (length = 43) => draw(BASE64URL, length) };
}

/**
 * Builds an id in a reused buffer and returns it as one flat string. `out += char` made a
 * chain of cons strings (V8 stops copying at 13 characters), so every stored `_id` and salt
 * kept ~5 extra heap objects alive for the GC to trace.
 */
class CharBuffer {
  #buf = Buffer.allocUnsafe(64);
  length = 0;

  start(length: number): void {
    if (length > this.#buf.length) this.#buf = Buffer.allocUnsafe(length);
    this.length = 0;
  }

  push(code: number): void {
    this.#buf[this.length++] = code;
  }

  text(): string {
    return this.#buf.toString('latin1', 0, this.length);
  }
}
