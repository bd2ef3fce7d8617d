import { describe, expect, it } from 'vitest';
import { firstError, jsonErrorPosition } from './json-position.js';

describe('jsonErrorPosition', () => {
  it('finds where JSON goes wrong, as line and column', () => {
    expect(firstError('{"a": x}')).toBe(6);
    expect(firstError('{"a": [1,2')).toBe(10);
    expect(firstError('{"a":1}}')).toBe(7);
    expect(firstError('{"a": "x\\"y", "b": tru}')).toBe(22);
    expect(jsonErrorPosition('{\n  "users": [\n    {"id": 1,}\n  ]\n}')).toBe('position 28 (line 3, column 14)');
  });

  it('agrees that valid JSON has no error before its end', () => {
    const text = JSON.stringify({ a: [1, -2.5e3, 'x\n"y"', null, true, false, { b: {} }], c: [] });
    expect(firstError(text)).toBe(text.length);
  });
});
