import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './journal.js';

describe('redact', () => {
  it('copies only what holds a secret, and never changes the input', () => {
    const body = { username: 'u', pass: 'p', nested: { keep: 1 }, list: [{ token: 't' }] };
    const out = redact(body) as typeof body;
    expect(out).toEqual({ username: 'u', pass: REDACTED, nested: { keep: 1 }, list: [{ token: REDACTED }] });
    expect(out.nested).toBe(body.nested);
    expect(body.pass).toBe('p');
  });

  it('keeps an own __proto__ key as data, redacted inside, and the copy a plain object', () => {
    const body = JSON.parse('{"__proto__":{"pass":"p","x":1},"pass":"q"}') as Record<string, unknown>;
    const out = redact(body) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"pass":"[redacted]","x":1},"pass":"[redacted]"}');
  });
});
