import EJSON from 'ejson';
import { describe, expect, it } from 'vitest';
import { parseDdp, stringifyDdp, updatedFrame, type DdpMessage } from './messages.js';

// stringifyDdp and parseDdp skip EJSON for plain JSON: they must still agree with EJSON everywhere.
describe('DDP frames: the plain-JSON fast path agrees with EJSON', () => {
  const results: unknown[] = [
    'abc',
    { id: 'x', token: 't', tokenExpires: new Date(0), type: 'password' },
    { nested: [{ when: new Date(5) }] },
    { $set: 1 },
    { a: { $date: 5 } },
    Number.NaN,
    [1, Number.POSITIVE_INFINITY],
    new Uint8Array([1, 2]),
    { plain: [1, 'two', true, null, { deep: 'yes' }] },
    Object.assign(Object.create(null) as object, { bare: 1 }),
  ];
  it.each(results.map((r) => [r]))('result %#', (result) => {
    const frame = { msg: 'result', id: '1', result };
    expect(JSON.parse(stringifyDdp(frame))).toEqual(JSON.parse(EJSON.stringify(frame as never)));
  });

  it('decodes EJSON params and leaves plain ones as they are', () => {
    const params = (text: string) => (parseDdp(text) as DdpMessage | undefined)?.params;
    expect(params('{"msg":"method","id":"1","method":"m","params":[{"when":{"$date":7}}]}')).toEqual([{ when: new Date(7) }]);
    expect(params('{"msg":"method","id":"1","method":"m","params":[{"pass":"a$b","n":1}]}')).toEqual([{ pass: 'a$b', n: 1 }]);
    expect(params('{"msg":"method","id":"1","method":"m","params":[{"$escape":{"$date":1}}]}')).toEqual([{ $date: 1 }]);
    // An escaped `$` is still EJSON once parsed, as Meteor's parseDDP sees it.
    expect(params('{"msg":"method","id":"1","method":"m","params":[{"when":{"\\u0024date":7}}]}')).toEqual([{ when: new Date(7) }]);
  });
});

describe('updatedFrame', () => {
  it.each([['1'], ['a"b\\c'], ['\u2028é'], ['x'.repeat(300)]])('is byte for byte the stringified frame for id %#', (id) => {
    expect(updatedFrame(id)).toBe(stringifyDdp({ msg: 'updated', methods: [id] }));
  });
});
