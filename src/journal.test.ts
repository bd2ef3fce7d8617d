import { describe, expect, it } from 'vitest';
import { Journal, REDACTED, redact, type MethodCallEvent } from './journal.js';

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

describe('Journal.recordCall: a DDP method call as an entry', () => {
  const call = (over: Partial<MethodCallEvent> = {}): MethodCallEvent => ({
    connection: { id: 'sess1', query: {} },
    method: 'registerUser',
    params: [{ email: 'a@example.com', pass: 'secret', name: 'A' }, 'second'],
    durationMs: 1.5,
    result: 'uid1',
    ...over,
  });

  it('journals the first param redacted, the result, the session and no code', () => {
    const journal = new Journal();
    journal.recordCall(call());
    const [entry] = journal.find();
    expect(entry).toMatchObject({ transport: 'ddp', operation: 'registerUser', method: 'ddp', path: 'sess1', response: 'uid1', durationMs: 1.5, seq: 1 });
    expect(entry!.args).toEqual({ email: 'a@example.com', pass: REDACTED, name: 'A' });
    expect(entry!.error).toBeUndefined();
    expect(entry!.sandbox).toBeUndefined();
    expect(journal.wasCalled('registerUser', { email: 'A@example.com' })).toBe(true);
  });

  it("an error answer: the Meteor error is the response and its `error` field the code; the sandbox comes from the URL's query", () => {
    const journal = new Journal();
    const error = { isClientSafe: true, error: 403, reason: 'Email already exists.', message: 'Email already exists. [403]', errorType: 'Meteor.Error' };
    journal.recordCall(call({ error, result: undefined, connection: { id: 's2', query: { sandbox: 'qa' } } }));
    expect(journal.find({ sandbox: 'qa' })).toMatchObject([{ response: error, error: 403, path: 's2' }]);
  });

  it('an unanswered call (a withheld result) has no response', () => {
    const journal = new Journal();
    journal.recordCall(call({ unanswered: true }));
    expect(journal.find()[0]!.response).toBeUndefined();
  });

  it('DDP and HTTP entries show the same fields in the order the journal API serves them (docs/dashboard.md)', () => {
    const journal = new Journal();
    journal.recordCall(call());
    journal.record({ transport: 'http', operation: '/api/v1/info', method: 'GET', path: '/api/v1/info', status: 200, durationMs: 1 });
    const [ddp, http] = journal.find();
    expect(Object.keys(ddp!)).toEqual(Object.keys(http!));
    // The wire order (JSON of GET /__mockchat/requests and of the stream): unchanged since entries were spread objects.
    expect(Object.keys(http!)).toEqual(['transport', 'operation', 'args', 'method', 'path', 'status', 'response', 'error', 'durationMs', 'sandbox', 'seq', 'time', 'at']);
  });

  it('a journal of capacity 0 keeps nothing', () => {
    const journal = new Journal(0);
    journal.recordCall(call());
    journal.record({ transport: 'http', operation: 'x', method: 'GET', path: 'x', durationMs: 1 });
    expect(journal.find()).toEqual([]);
  });
});
