import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request header that names the mockchat port a proxied request is meant for. */
export const UPSTREAM_HEADER = 'x-contract-upstream';

/** Added by the relay to every answer of mockchat's: without it, an answer was made by Prism. */
export const RELAYED_HEADER = 'x-contract-relayed';
/** mockchat's own `sl-violations` (its spec fallback sends one), renamed so Prism's cannot mix with it. */
export const UPSTREAM_VIOLATIONS_HEADER = 'x-contract-upstream-sl-violations';

/** Rename (`[from, to]`), drop (`[from, undefined]`) and add headers of a raw header list. */
export function editRawHeaders(raw: string[], rename: Record<string, string | undefined>, add: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!(name in rename)) out.push(raw[i], raw[i + 1]);
    else if (rename[name] !== undefined) out.push(rename[name]!, raw[i + 1]);
  }
  return out.concat(add);
}

/** A relay that forwards each request to `127.0.0.1:<x-contract-upstream>`. */
export interface UpstreamRelay {
  readonly url: string;
  /** Requests relayed so far: each is one response Prism checked. */
  readonly relayed: number;
  close(): Promise<void>;
}

/** Send `req` to `127.0.0.1:port` as it is (with `headers`) and pipe the answer back, streaming. */
export function pipeTo(port: number, req: IncomingMessage, res: ServerResponse, headers = req.headers, answerHeaders = (raw: string[]) => raw): void {
  const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answerHeaders(answer.rawHeaders));
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`contract relay: ${error.message}`);
  });
  req.on('error', () => upstream.destroy());
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy(); // the client went away mid-stream
  });
  req.pipe(upstream);
}

/**
 * The upstream of the shared Prism proxies. One `prism proxy` serves every test file, but each
 * test file runs its own mockchat; the file's front (contract-front.ts) names its mockchat's
 * port in `x-contract-upstream`, Prism forwards request headers, and this relay sends the request
 * on to that port, without the header, byte for byte. Answers come back marked with
 * `x-contract-relayed` (so the front tells mockchat's answers from Prism's own) and with
 * mockchat's own `sl-violations` renamed (Prism would otherwise overwrite its own with it).
 */
export async function startUpstreamRelay(): Promise<UpstreamRelay> {
  let relayed = 0;
  const server = createServer((req, res) => {
    relayed += 1;
    const port = Number(req.headers[UPSTREAM_HEADER]);
    if (!Number.isInteger(port) || port <= 0) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`contract relay: no valid ${UPSTREAM_HEADER} header`);
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers };
    delete headers[UPSTREAM_HEADER];
    pipeTo(port, req, res, headers, (raw) => editRawHeaders(raw, { 'sl-violations': UPSTREAM_VIOLATIONS_HEADER }, [RELAYED_HEADER, '1']));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get relayed() {
      return relayed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
