import type { IncomingMessage, ServerResponse } from 'node:http';
import { depthMessage, jsonTooDeep } from '../json-values.js';
import { sendJson, type RestResponse } from './respond.js';
import type { RestProduct } from './rest-product.js';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes`);
  }
}

/** A JSON body nesting deeper than the limit (`maxJsonDepth`): refused before any route sees it. */
export class JsonTooDeep extends Error {
  readonly code = 'MOCKCHAT_ERR_JSON_DEPTH';
  constructor(readonly limit: number) {
    super(`Request body ${depthMessage(limit)}`);
  }
}

/** `JSON.parse`, then the depth check: throws SyntaxError or JsonTooDeep. */
export function parseJson(text: string, maxDepth: number): unknown {
  const value: unknown = JSON.parse(text);
  if (jsonTooDeep(text, value, maxDepth)) throw new JsonTooDeep(maxDepth);
  return value;
}

/** Collect a request body up to `limit` bytes; rejects with BodyTooLarge past it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Builds a refusal in the caller's wire format: a product (its `refuse`), or the admin API. */
export type BodyRefuser = Pick<RestProduct, 'refuse'>;

/**
 * The answer to a request whose body `readBody`/`parseJson` refused, in `refuser`'s format:
 * nested too deep, 400 with `MOCKCHAT_ERR_JSON_DEPTH` as `code`; too large, 413 with no code and
 * `Connection: close` (`readBody` reads the rest of the body and discards it; the connection is
 * not reused for another request). Anything else is rethrown.
 */
export function bodyRefusal(error: unknown, refuser: BodyRefuser): RestResponse {
  if (error instanceof JsonTooDeep) return refuser.refuse(400, error.message, error.code);
  if (!(error instanceof BodyTooLarge)) throw error;
  const refusal = refuser.refuse(413, error.message);
  return { ...refusal, headers: { ...refusal.headers, Connection: 'close' } };
}

/** Send `bodyRefusal(error, refuser)`; returns the status sent. */
export function refuseBody(error: unknown, res: ServerResponse, refuser: BodyRefuser): number {
  const refusal = bodyRefusal(error, refuser);
  sendJson(res, refusal);
  return refusal.status;
}

export interface ParsedBody {
  value: unknown;
  /** Set when the body could not be parsed and was treated as `{}` (as Rocket.Chat does). */
  warning?: string;
}

/**
 * Parse a body as Rocket.Chat's API does: JSON, urlencoded, or nothing. An unparseable
 * body becomes `{}` so the route answers with its normal validation error. JSON nesting
 * deeper than `maxDepth` throws JsonTooDeep (mockchat's guard: deep values would overflow
 * the stack of recursive code further on).
 */
export function parseBody(raw: Buffer, contentType: string | undefined, maxDepth = Number.MAX_SAFE_INTEGER): ParsedBody {
  if (raw.length === 0) return { value: {} };
  // The common case (`application/json` exactly) skips the split and case folding.
  const type = contentType === 'application/json' ? contentType : (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return { value: Object.fromEntries(new URLSearchParams(text)) };
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/plain') {
    try {
      return { value: parseJson(text, maxDepth) };
    } catch (error) {
      if (error instanceof JsonTooDeep) throw error;
      return { value: {}, warning: 'request body is not valid JSON; treated as {} as Rocket.Chat does' };
    }
  }
  return { value: {}, warning: `content type ${type} is not parsed; body treated as {} as Rocket.Chat does` };
}
