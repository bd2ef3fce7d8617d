import { describe, expect, it } from 'vitest';
import { ChunkedList } from './chunked-list.js';

describe('ChunkedList', () => {
  it('keeps every value at its position across chunk boundaries, as an array does', () => {
    const list = new ChunkedList<number | undefined>();
    const array: (number | undefined)[] = [];
    for (let i = 0; i < 10_000; i++) {
      list.push(i * 3);
      array.push(i * 3);
    }
    for (const i of [0, 4095, 4096, 8191, 8192, 9999]) {
      list.set(i, undefined);
      array[i] = undefined;
    }
    expect(list.length).toBe(array.length);
    expect(Array.from({ length: list.length }, (_, i) => list.at(i))).toEqual(array);
  });
});
