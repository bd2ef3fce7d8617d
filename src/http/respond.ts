import { STATUS_CODES, type ServerResponse } from 'node:http';
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

/**
 * A whole raw HTTP answer with a JSON body, for a socket with no `ServerResponse` (parse
 * errors, refused upgrades): status line with Node's reason phrase, `headers` (e.g. a
 * refusal's `Retry-After`), and `Connection: close`.
 */
export function rawJsonAnswer(status: number, body: unknown, headers: Record<string, string | number> = {}): string {
  const payload = JSON.stringify(body);
  let extra = '';
  for (const name in headers) extra += `${name}: ${headers[name]}\r\n`;
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n${extra}Connection: close\r\n\r\n${payload}`;
}

/** `API.v1.success`: the route's fields plus `success: true`. */
export const ok = (body: Record<string, unknown> = {}): RestResponse => {
  const out = shallowCopy(body);
  out.success = true;
  return { status: 200, body: out };
};
