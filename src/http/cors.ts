import type { IncomingMessage } from 'node:http';

/** Which browser origins may call a surface: `*` (any), a list, or none (`[]`). */
export type CorsOrigins = '*' | readonly string[];

const ALLOW_HEADERS = 'Content-Type, X-User-Id, X-Auth-Token, X-2FA-Code, X-2FA-Method, X-Mockchat-Scenario, X-Mockchat-Sandbox, Authorization';
const EXPOSE_HEADERS = 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Mockchat-Warning';

/**
 * CORS headers for a request, or undefined when the origin is not allowed (or absent). A
 * sign-up form served by a dev server on another port calls the API from the browser.
 */
export function corsHeaders(req: IncomingMessage, allowed: CorsOrigins): Record<string, string> | undefined {
  const origin = req.headers.origin;
  if (!origin || (allowed !== '*' && !allowed.includes(origin))) return undefined;
  return {
    'Access-Control-Allow-Origin': allowed === '*' ? '*' : origin,
    ...(allowed !== '*' && { Vary: 'Origin' }),
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
  };
}

/** Headers of a preflight (`OPTIONS`) answer. */
export function preflightHeaders(req: IncomingMessage, allowed: CorsOrigins): Record<string, string> | undefined {
  const base = corsHeaders(req, allowed);
  if (!base) return undefined;
  return { ...base, 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS', 'Access-Control-Allow-Headers': ALLOW_HEADERS, 'Access-Control-Max-Age': '600' };
}
