import type { IncomingMessage, ServerResponse } from 'node:http';
import { operationOf, type Journal } from '../journal.js';
import type { PrismFallback } from '../spec/prism-fallback.js';
import type { SpecOperation } from '../spec/spec-catalog.js';
import { joinedHeader } from './headers.js';
import { parseBody, readBody, refuseBody } from './read-body.js';
import type { RestProduct } from './rest-product.js';

export interface FallbackContext {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  /** The spec operation that serves the request (no emulated route does). */
  operation: SpecOperation;
  fallback: PrismFallback;
  journal: Journal;
  bodyLimit: number;
  maxJsonDepth: number;
  /** The product whose prefix the path is under: refusals use its error format (Rocket.Chat's outside every prefix). */
  product: RestProduct;
  started: number;
}

/**
 * One request served from a spec by Prism (stateless): read the body, let Prism answer with the
 * operation's example, write it, and journal the call like any HTTP request (`transport: http`).
 */
export async function serveFallback(c: FallbackContext): Promise<number> {
  const { req, res } = c;
  let body: unknown;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    try {
      const raw = await readBody(req, c.bodyLimit);
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      // Prism validates what it is given: a JSON or form body parsed, anything else as text.
      body = raw.length === 0 ? undefined : type.endsWith('json') || type === 'application/x-www-form-urlencoded' ? parseBody(raw, type, c.maxJsonDepth).value : raw.toString('utf8');
    } catch (error) {
      return refuseBody(error, res, c.product);
    }
  }
  const search = new URLSearchParams(req.url?.split('?')[1] ?? '');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const headers: Record<string, string> = {};
  for (const name of Object.keys(req.headers)) headers[name] = joinedHeader(req.headers[name]) ?? '';
  const answer = await c.fallback.respond(c.operation, { method: req.method ?? 'GET', path: c.path, query, headers, body });
  res.writeHead(answer.status, { 'Cache-Control': 'no-store', 'X-Mockchat-Source': `spec ${c.operation.file}`, ...answer.headers });
  res.end(answer.body);
  let response: unknown = answer.body;
  try {
    response = answer.body === undefined ? undefined : JSON.parse(answer.body);
  } catch {
    /* not JSON: journal the text */
  }
  c.journal.record({
    transport: 'http',
    operation: operationOf(c.path),
    args: req.method === 'GET' ? query : body,
    method: req.method ?? 'GET',
    path: c.path,
    status: answer.status,
    response,
    durationMs: performance.now() - c.started,
    ...(headers['x-mockchat-sandbox'] && { sandbox: headers['x-mockchat-sandbox'] }),
  });
  return answer.status;
}
