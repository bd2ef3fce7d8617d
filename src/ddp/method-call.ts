import { raise } from '../errors.js';
import { stringifyDdp, updatedFrame, type DdpMessage, type MethodMessage } from './messages.js';
import { meteorErrorObject, sanitizedError, toMeteorErrorObject, type MeteorErrorObject } from './meteor-error.js';
import type { DdpConnection, DdpRegistry, MethodFaults, MethodHandler } from './registry.js';

/** What a method call needs of its connection (a `DdpSession`). */
export interface CallingConnection extends DdpConnection {
  /** Serialised messages in order, `next` in the same write; nothing once the connection closed. */
  sendText(text: string, next?: string): void;
  close(code: number, reason: string): void;
}

/**
 * One `method` message, as Meteor's livedata answers it: the registered method (or a fault a
 * scenario put on it) runs, then `updated` and `result` are sent, and the call is reported to
 * the registry's `observe` hook (the journal). Returns a promise only when the method (or a
 * delay fault) does, so the session keeps the connection's later messages waiting for it.
 */
export function callMethod(connection: CallingConnection, registry: DdpRegistry, m: MethodMessage): void | Promise<void> {
  const call = { connection, registry, m, started: performance.now() };
  const handler = registry.findMethod(m.method);
  if (!handler) return fail(call, toMeteorErrorObject(raise('METHOD_NOT_FOUND', { method: m.method })));
  const faults = registry.policy.faults?.(connection, m.method);
  if (faults?.delayMs) return new Promise<void>((resolve) => setTimeout(resolve, faults.delayMs)).then(() => invoke(call, handler, faults));
  return invoke(call, handler, faults);
}

interface Call {
  connection: CallingConnection;
  registry: DdpRegistry;
  m: MethodMessage;
  started: number;
}

/** Run the method (or its fault) and answer; a promise only when the method returns one. */
function invoke(call: Call, handler: MethodHandler, faults: MethodFaults | undefined): void | Promise<void> {
  const { connection, m } = call;
  if (faults?.drop) {
    connection.close(1011, 'Connection dropped by a mockchat fault');
    return observe(call, undefined, undefined, true);
  }
  if (faults?.status !== undefined) return fail(call, meteorErrorObject(faults.status, faults.reason ?? 'Internal server error'));
  let result: unknown;
  try {
    result = handler(connection, m.params ?? []);
  } catch (error) {
    return answer(call, thrownFrame(m.id, error), faults);
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (value) => answer(call, resultFrame(m.id, value), faults),
      (error: unknown) => answer(call, thrownFrame(m.id, error), faults),
    );
  }
  return answer(call, resultFrame(m.id, result), faults);
}

/** A call answered with an error without running the method: `result` then `updated`, in one write. */
function fail(call: Call, error: MeteorErrorObject): void {
  call.connection.sendText(stringifyDdp({ msg: 'result', id: call.m.id, error }), updatedFrame(call.m.id));
  observe(call, error, undefined);
}

function answer(call: Call, reply: DdpMessage, faults: MethodFaults | undefined): void {
  if (faults?.withholdResult) return observe(call, reply.error, reply.result, true);
  // A method without pending writes: the write fence is armed before the result is sent.
  call.connection.sendText(updatedFrame(call.m.id), stringifyDdp(reply));
  observe(call, reply.error, reply.result);
}

/** Report the finished call (the journal): one event object per call. */
function observe({ connection, registry, m, started }: Call, error: unknown, result: unknown, unanswered = false): void {
  const hook = registry.observe;
  if (hook) hook({ connection, id: m.id, method: m.method, params: m.params ?? [], result, error, unanswered, durationMs: performance.now() - started });
}

const resultFrame = (id: string, result: unknown): DdpMessage => (result !== undefined ? { msg: 'result', id, result } : { msg: 'result', id });

/** The `result` of a method that threw: the error as Meteor sanitises it for the client. */
const thrownFrame = (id: string, thrown: unknown): DdpMessage => ({ msg: 'result', id, error: sanitizedError(thrown) });

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';
