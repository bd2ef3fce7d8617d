import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocJson } from './doc-json.js';

/**
 * Strings of any UTF-16 code units, weighted to what JSON escapes: control characters, quotes,
 * backslashes, lone high and low surrogates (`fc.string()` gives printable ASCII only).
 */
const unit = fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\ud800', '\udbff', '\udc00', '\udfff', '😀'), fc.nat(0xffff).map((c) => String.fromCharCode(c)), fc.string({ minLength: 1, maxLength: 1 }));
const text = fc.string({ unit });

/** JSON-like values with Dates (shared and distinct, valid and invalid), undefined and functions in objects. */
const date = fc.oneof(fc.date(), fc.constant(new Date(Number.NaN)), fc.constant(new Date(0)));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    date,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('0', '12', 'toJSON', '__proto__')), tie('value'), { maxKeys: 5 }),
  ),
}));

describe('DocJson.encode is JSON.stringify for documents', () => {
  it('any object of JSON values, Dates, undefined: the same text', () => {
    const json = new DocJson();
    fc.assert(
      fc.property(fc.dictionary(text, value, { maxKeys: 8 }), (doc) => {
        expect(json.encode(doc)).toBe(JSON.stringify(doc));
      }),
      { numRuns: 2000 },
    );
  });

  it('a user document: nested Dates, a shared Date changed with setTime, functions and symbols left out', () => {
    const json = new DocJson();
    const at = new Date('2026-11-24T02:00:00.000Z');
    const user = { _id: 'u1', createdAt: at, _updatedAt: at, emails: [{ address: 'a@b.c', verified: false }], services: { email2fa: { enabled: true, changedAt: at } }, fn: () => 1, sym: Symbol('s'), nothing: undefined };
    expect(json.encode(user)).toBe(JSON.stringify(user));
    at.setTime(0);
    expect(json.encode(user)).toBe(JSON.stringify(user));
    expect(json.encode(user)).toContain('1970-01-01T00:00:00.000Z');
  });

  it('objects with a toJSON method, class instances, null-prototype objects and boxed values', () => {
    const json = new DocJson();
    class Point {
      constructor(readonly x: number) {}
    }
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: new Date(5) });
    const sparse = new Array<unknown>(3);
    sparse[1] = { at: new Date(9), s: Symbol('s') };
    const doc = { custom: { toJSON: () => 'custom' }, point: new Point(2), bare, boxed: new String('s'), n: new Number(3), list: [new Date(7), undefined, () => 1, Symbol('s')], sparse, escaped: 'quote " back \\ tab \t lone \ud800 pair 😀 ' };
    expect(json.encode(doc)).toBe(JSON.stringify(doc));
  });

  it('a toJSON gets the key (or the array index) its value is held under; a Date with its own toJSON uses it', () => {
    const json = new DocJson();
    const own = Object.assign(new Date(3), { toJSON: (key: string) => `own ${key}` });
    const doc = { a: { toJSON: (key: string) => key }, list: [{ toJSON: (key: string) => `item ${key}` }], own, dropped: { toJSON: () => undefined } };
    expect(json.encode(doc)).toBe('{"a":"a","list":["item 0"],"own":"own own"}');
    expect(json.encode(doc)).toBe(JSON.stringify(doc));
  });

  it('a bigint goes through BigInt.prototype.toJSON with its key when there is one, and throws as JSON.stringify does when not', () => {
    const json = new DocJson();
    const doc = { n: 5n, list: [7n] };
    expect(() => json.encode(doc)).toThrow(TypeError);
    const proto = BigInt.prototype as { toJSON?: (this: bigint, key: string) => string };
    proto.toJSON = function (key) {
      return `${key}=${this}`;
    };
    try {
      expect(json.encode(doc)).toBe('{"n":"n=5","list":["0=7"]}');
      expect(json.encode(doc)).toBe(JSON.stringify(doc));
    } finally {
      delete proto.toJSON;
    }
  });
});
