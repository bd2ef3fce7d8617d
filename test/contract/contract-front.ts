import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { editRawHeaders, pipeTo, RELAYED_HEADER, UPSTREAM_HEADER, UPSTREAM_VIOLATIONS_HEADER } from './upstream-relay.js';
import { recordViolation, type Violation } from './violations.js';

/** The `prism proxy` URL serving each spec. */
export interface PrismTargets {
  /** specs/rocketchat.rest.yaml */
  rocketchat: string;
  /** specs/selfcommunity.rest.yaml */
  selfcommunity: string;
  /** specs/mockchat.admin.yaml */
  admin: string;
}

/** Which spec covers a path: the admin API, SelfCommunity's OAuth and v2 API, else Rocket.Chat. */
export function specFor(path: string): keyof PrismTargets | undefined {
  if (path.startsWith('/__mockchat/')) return 'admin';
  if (path.startsWith('/oauth/') || path.startsWith('/api/v2/')) return 'selfcommunity';
  if (path.startsWith('/api/')) return 'rocketchat';
  return undefined;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

function send(target: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${target}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Prism's own problem type (`…/prism/errors#TYPE`), when the answer came from Prism, not mockchat. */
function prismProblem(answer: Answer): string | undefined {
  if (answer.headers[RELAYED_HEADER] !== undefined) return undefined; // mockchat's (e.g. its spec fallback's)
  if (!String(answer.headers['content-type']).startsWith('application/problem+json')) return undefined;
  try {
    const type = (JSON.parse(answer.body.toString()) as { type?: string }).type ?? '';
    return type.startsWith('https://stoplight.io/prism/errors#') || type === 'VIOLATIONS' ? type.replace(/.*#/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A body Prism cannot carry: it parses JSON bodies itself and answers an unparseable one with its
 * own 400 `{"error":{"code":"invalid_json"}}`, so mockchat's answer (Rocket.Chat reads it as `{}`)
 * would never be seen. Such requests go straight to mockchat, unchecked.
 */
export function prismCannotCarry(headers: IncomingHttpHeaders, body: Buffer): boolean {
  if (body.length === 0 || !/^application\/(.+\+)?json\b/i.test(String(headers['content-type'] ?? ''))) return false;
  try {
    JSON.parse(body.toString());
    return false;
  } catch {
    return true;
  }
}

/** Routes Prism does not know: mockchat answers them, unchecked (unknown routes, OPTIONS preflights). */
const NOT_IN_SPEC = new Set(['NO_PATH_MATCHED_ERROR', 'NO_METHOD_MATCHED_ERROR']);

/**
 * Judge one answer from Prism: the violation it carries, if any. Any `sl-violations` header of
 * Prism's (warnings too, e.g. an undocumented 4xx status) and any problem Prism produced itself
 * (VIOLATIONS under `--errors`, or a request Prism could not forward) is a violation.
 */
export function violationOf(method: string, path: string, answer: Answer): Violation | undefined {
  const header = answer.headers['sl-violations'];
  const problem = prismProblem(answer);
  if (header === undefined && problem === undefined) return undefined;
  const detail = problem === undefined ? String(header) : `${problem} ${answer.body.toString()}`;
  return { method, path, status: answer.status, detail };
}

/**
 * A route the spec does not list must be one mockchat does not serve either: it answers 404
 * (unknown route) or 405 (known path, other method), or it is a CORS preflight, or it is the
 * admin token guard's 401, which answers before any routing under /__mockchat. Anything else
 * means mockchat emulates an operation its spec lacks, and its answers would go unchecked.
 */
export function unlistedRoute(method: string, path: string, status: number): Violation | undefined {
  if (method === 'OPTIONS' || status === 404 || status === 405) return undefined;
  if (status === 401 && path.startsWith('/__mockchat')) return undefined;
  return { method, path, status, detail: 'mockchat serves this operation but the spec does not list it (add it to the spec)' };
}

/**
 * Never-ending answers Prism cannot proxy (it reads a whole response before validating it): the
 * dashboard's server-sent events. They are piped straight to mockchat, unchecked.
 */
export const STREAMS: readonly RegExp[] = [/^\/__mockchat\/events(\?|$)/];

/** A per-mockchat front door: what `mock.url` points at in the contract run. */
export interface ContractFront {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start the front for the mockchat listening on `upstreamPort`: every request whose path a spec
 * covers goes through that spec's Prism proxy (which forwards it, via the shared relay, to this
 * mockchat); a route no spec has goes straight to mockchat. Violations are recorded with
 * `recordViolation`, and the setup file fails the test that caused them.
 */
export async function startContractFront(upstreamPort: number, targets: PrismTargets): Promise<ContractFront> {
  const direct = `http://127.0.0.1:${upstreamPort}`;
  const server = createServer(async (req, res) => {
    if (STREAMS.some((stream) => stream.test(req.url ?? ''))) return pipeTo(upstreamPort, req, res);
    try {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const body = await readBody(req);
      const headers: IncomingHttpHeaders = { ...req.headers };
      delete headers.host;
      const spec = specFor(path);
      const bare = path.replace(/\?.*/, '');
      let answer: Answer | undefined;
      if (spec && !prismCannotCarry(headers, body)) {
        answer = await send(targets[spec], method, path, { ...headers, [UPSTREAM_HEADER]: String(upstreamPort) }, body);
        const problem = prismProblem(answer);
        if (problem && NOT_IN_SPEC.has(problem)) {
          answer = await send(direct, method, path, headers, body);
          const unlisted = unlistedRoute(method, bare, answer.status);
          if (unlisted) recordViolation(unlisted);
        } else {
          const violation = violationOf(method, bare, answer);
          if (violation) recordViolation(violation);
        }
      }
      answer ??= await send(direct, method, path, headers, body);
      res.writeHead(answer.status, editRawHeaders(answer.rawHeaders, { [RELAYED_HEADER]: undefined, [UPSTREAM_VIOLATIONS_HEADER]: 'sl-violations' }));
      res.end(answer.body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`contract front: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
