import { createHash } from 'node:crypto';
import type EjsonModule from 'ejson';
import { raise } from '../../errors.js';
import { sanitizedError, toMeteorErrorObject } from '../../ddp/meteor-error.js';
import { WorkspaceError } from '../../errors.js';
import { ok } from '../../http/respond.js';
import { invokeMethod, type MethodContext } from '../methods.js';
import type { RestContext, Route } from './route.js';
import { requireCjs } from '../../require-cjs.js';
import { sha256 } from '../../store/sha256.js';

// Loaded with require: see require-cjs.ts.
const EJSON = requireCjs('ejson') as typeof EjsonModule;

interface MethodMessage {
  msg: 'method';
  id: string;
  method: string;
  params: unknown[];
}

function parseMessage(body: unknown): MethodMessage {
  const text = (body as { message: string }).message;
  let message: unknown;
  try {
    message = EJSON.parse(text);
  } catch (error) {
    // A plain Error: Rocket.Chat answers with its message and no errorType.
    throw raise('PLAIN_ERROR', { message: (error as Error).message });
  }
  const m = message as Partial<MethodMessage> | null;
  if (!m || m.msg !== 'method' || typeof m.id !== 'string' || typeof m.method !== 'string' || !Array.isArray(m.params)) {
    throw raise('INVALID_METHOD_CALL');
  }
  return m as MethodMessage;
}

/**
 * `method.call` / `method.callAnon` (misc.ts, 7.x): run a DDP method from REST. The method's
 * own errors travel inside the EJSON `message`, with HTTP 200 and `success: true`.
 */
function bridge(ctx: RestContext) {
  const message = parseMessage(ctx.body);
  const methodCtx: MethodContext = {
    ws: ctx.ws,
    userId: ctx.user?._id,
    token: ctx.token,
    connectionId: ctx.token ? sha256(ctx.token, 'hex') : createHash('md5').update(ctx.clientAddress + (ctx.user?._id ?? '')).digest('hex'),
  };
  let reply: Record<string, unknown>;
  try {
    const result = invokeMethod(methodCtx, message.method, message.params);
    reply = { msg: 'result', id: message.id, ...(result !== undefined && { result }) };
  } catch (error) {
    reply = { msg: 'result', id: message.id, error: unsanitizedError(error) };
  }
  return ok({ message: EJSON.stringify(reply) });
}

export const methodCallRoutes: Route[] = [
  { method: 'POST', path: '/api/v1/method.call/{method}', auth: 'required', rateLimit: false, validate: true, action: bridge },
  { method: 'POST', path: '/api/v1/method.callAnon/{method}', rateLimit: false, validate: true, action: bridge },
];

/**
 * What the bridge puts in its `message` for a thrown error: the error's own fields,
 * unsanitised (Rocket.Chat 7.x does not sanitise there, unlike DDP).
 */
function unsanitizedError(err: unknown): Record<string, unknown> {
  if (!(err instanceof WorkspaceError)) return {};
  switch (err.kind) {
    case 'meteor':
      return { ...toMeteorErrorObject(err) };
    case 'match':
      return { message: err.message, path: (err.details as { path?: string } | undefined)?.path ?? '', sanitizedError: sanitizedError(err), errorType: 'Match.Error' };
    case 'policy':
      return { error: err.error, ...(err.details !== undefined && { details: err.details }) };
    default:
      return {};
  }
}
