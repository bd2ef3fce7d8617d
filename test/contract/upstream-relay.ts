import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request header that names the mockchat port a proxied request is meant for. */
export const UPSTREAM_HEADER = 'x-contract-upstream';

/** A relay that forwards each request to `127.0.0.1:<x-contract-upstream>`. */
export interface UpstreamRelay {
  readonly url: string;
  /** Requests relayed so far: each is one response Prism checked. */
  readonly relayed: number;
  close(): Promise<void>;
}

/**
 * The upstream of the shared Prism proxies. One `prism proxy` serves every test file, but each
 * test file runs its own mockchat; the file's front (contract-front.ts) names its mockchat's
 * port in `x-contract-upstream`, Prism forwards request headers, and this relay sends the request
 * on to that port, without the header, byte for byte.
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
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`contract relay: ${error.message}`);
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
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
