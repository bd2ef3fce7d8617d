import type { ServerResponse } from 'node:http';
import { shallowCopy } from '../json-values.js';

export interface RestResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string | number>;
}

/** Write a JSON answer with the headers Rocket.Chat's API sends. */
export function sendJson(res: ServerResponse, response: RestResponse): void {
  if (response.body === undefined) {
    // No body (204, or an empty 200): no JSON content type either.
    res.writeHead(response.status, { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...(response.status !== 204 && { 'Content-Length': 0 }), ...response.headers });
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Length': Buffer.byteLength(payload),
  };
  // Object.assign, not a spread of possibly-undefined headers: the same result, off V8's slow path.
  if (response.headers) Object.assign(headers, response.headers);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** `API.v1.success`: the route's fields plus `success: true`. */
export const ok = (body: Record<string, unknown> = {}): RestResponse => {
  const out = shallowCopy(body);
  out.success = true;
  return { status: 200, body: out };
};

/** `API.v1.failure(message, errorType?)`. */
export const failure = (error: string, errorType?: string): RestResponse => ({
  status: 400,
  body: { success: false, error, ...(errorType && { errorType }) },
});
