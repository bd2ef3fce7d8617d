import { Agent, request } from 'node:http';

/** One generated HTTP request, sent as is (path not normalised, body as raw bytes). */
export interface HttpCase {
  method: string;
  /** Path and query exactly as they go on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A keep-alive agent: the fuzzers reuse `concurrency` sockets instead of opening one per case. */
export const keepAlive = (sockets: number) => new Agent({ keepAlive: true, maxSockets: sockets });

/** Send a case over real HTTP; rejects on a socket error or after 10 s (a hung server is a failure). */
export function send(base: URL, agent: Agent, c: HttpCase): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, method: c.method, path: c.target, headers: { ...c.headers, ...(c.body && { 'content-length': String(c.body.length) }) }, agent, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(c.body);
  });
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** Which product answers a raw path: the server's own rule (SelfCommunity under `/api/v2/` and `/oauth/`). */
export const productOf = (target: string): 'selfcommunity' | 'rocketchat' => {
  const path = target.split('?', 1)[0];
  return path.startsWith('/api/v2/') || path.startsWith('/oauth/') ? 'selfcommunity' : 'rocketchat';
};

/** SelfCommunity (DRF) error bodies: non-field `{errors:[{code,message}]}`, field `{errors:[{field,messages:[…]}]}`, OAuth `{error}`. */
function isScError(body: unknown): boolean {
  if (!isObject(body)) return false;
  if (isString(body.error)) return true;
  return (
    Array.isArray(body.errors) &&
    body.errors.length > 0 &&
    body.errors.every((e) => isObject(e) && ((isString(e.code) && isString(e.message)) || (isString(e.field) && Array.isArray(e.messages) && e.messages.every((m) => isObject(m) && isString(m.code) && isString(m.message)))))
  );
}

/**
 * The problem with an answer, or undefined when it is a product answer: no 5xx, JSON unless
 * it may be empty (HEAD, OPTIONS, 204, an empty 200), and errors in the product's format —
 * Rocket.Chat `{success:false, error}`, SelfCommunity DRF/OAuth shapes.
 */
export function answerProblem(c: HttpCase, a: HttpAnswer): string | undefined {
  if (a.status >= 500 || a.status < 100) return `status ${a.status}: ${a.text.slice(0, 300)}`;
  if (a.text === '') {
    return c.method === 'HEAD' || c.method === 'OPTIONS' || a.status === 204 || (a.status === 200 && a.headers['content-length'] === '0') ? undefined : `empty body with status ${a.status}`;
  }
  if (c.method === 'HEAD') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(a.text);
  } catch {
    return `not JSON (status ${a.status}): ${a.text.slice(0, 300)}`;
  }
  if (!String(a.headers['content-type']).startsWith('application/json')) return `content-type ${a.headers['content-type']}`;
  if (a.status < 400) return undefined;
  if (a.status === 431) return isObject(body) && body.success === false && body.errorType === 'MOCKCHAT_ERR_HEADER_TOO_LARGE' ? undefined : `431 body ${a.text}`;
  if (productOf(c.target) === 'selfcommunity') return isScError(body) ? undefined : `not a SelfCommunity error: ${a.text.slice(0, 300)}`;
  // `API.v1.failure()` may carry no message (`{success:false}`); Meteor error ids may be numbers.
  const rcError = isObject(body) && body.success === false && (body.error === undefined || isString(body.error) || typeof body.error === 'number');
  return rcError ? undefined : `not a Rocket.Chat error: ${a.text.slice(0, 300)}`;
}
