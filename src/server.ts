import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { handleAdmin } from './admin/admin-api.js';
import { Dashboard } from './admin/dashboard.js';
import { DataApi } from './admin/data-api.js';
import type { Tenant, Tenants } from './admin/tenants.js';
import type { DdpServer } from './ddp/ddp-server.js';
import { MockchatConfigError, type MockchatErrorCode } from './errors.js';
import { ConnectionLimit, headerOverflowAnswer } from './http/connection-limit.js';
import { corsHeaders, preflightHeaders, type CorsOrigins } from './http/cors.js';
import { adminError, readAdminJson } from './admin/admin-json.js';
import { rawJsonAnswer, sendJson, type RestResponse } from './http/respond.js';
import { joinedHeader, pathOf } from './http/headers.js';
import { serveRest } from './http/serve-rest.js';
import { serveFallback } from './http/serve-fallback.js';
import type { PrismFallback } from './spec/prism-fallback.js';
import type { SpecCatalog } from './spec/spec-catalog.js';
import type { Journal } from './journal.js';
import type { Logger } from './log.js';
import type { RestProduct } from './http/rest-product.js';
import { NOT_FOUND } from './rocketchat/rest/render-error.js';
import type { ReloadStatus } from './watch/hot-reload.js';

export interface ServerParts {
  /** The main workspace and the sandboxes (`X-Mockchat-Sandbox`). */
  tenants: Tenants;
  journal: Journal;
  /** The emulated products' REST adapters; the first that owns a path serves it. */
  products: readonly RestProduct[];
  logger: Logger;
  bodyLimit: number;
  /** Deepest accepted JSON nesting of a request body. */
  maxJsonDepth: number;
  /** Node's `maxHeaderSize`: larger request headers answer 431. */
  headerLimit: number;
  /** Most open connections; more are answered 503 and closed. */
  maxConnections: number;
  /** DDP over `/websocket` and `/sockjs`; without it upgrades are refused. */
  ddp?: DdpServer;
  /** Browser origins allowed to call the Rocket.Chat API and the admin API. */
  cors: { api: CorsOrigins; admin: CorsOrigins };
  /** When set, `/__mockchat/*` requires `Authorization: Bearer <token>`. */
  adminToken?: string;
  /** The hot-reload state for `GET /__mockchat/reload`. */
  reloadStatus?: () => ReloadStatus;
  /** Operations of `specs/` that no emulated route serves are answered from the spec by Prism (read per request: a hot reload swaps them). */
  specs?: () => { catalog: SpecCatalog; fallback: PrismFallback };
}

type State = 'idle' | 'listening' | 'closing' | 'closed';

/**
 * One `http.Server` for every surface: Rocket.Chat REST under `/api/`, SelfCommunity under
 * `/api/v2/` and `/oauth/`, the admin API under
 * `/__mockchat/`, DDP upgrades at `/websocket` and SockJS under `/sockjs/`. `close()` ends
 * every connection (DDP sockets included) itself and is safe to call twice.
 */
export class MockchatServer {
  readonly http: Server;
  /** The `/__mockchat/` page, its files and the live journal stream. */
  readonly dashboard: Dashboard;
  #state: State = 'idle';
  #closing?: Promise<void>;
  /** `/__mockchat/db/*` (json-server over the live state); its caches live here, per tenant. */
  readonly #data: DataApi;
  readonly #connections: ConnectionLimit;

  constructor(private readonly parts: ServerParts) {
    this.dashboard = new Dashboard(parts.journal);
    this.#data = new DataApi(parts.bodyLimit, parts.maxJsonDepth);
    this.#connections = new ConnectionLimit(parts.maxConnections);
    this.http = createServer({ keepAliveTimeout: 5000, maxHeaderSize: parts.headerLimit }, (req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        // The client (or close()) ended the connection while its body was being read: no one to answer.
        if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && req.destroyed) {
          parts.logger.debug(`${req.method} ${req.url} aborted by the client or by close()`);
          return;
        }
        parts.logger.error(`unexpected error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) sendJson(res, this.#refusal(pathOf(req.url), 500, { message: 'Internal server error' }));
        else res.destroy();
      });
    });
    this.http.on('connection', this.#connections.accept);
    this.http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      if (err.code === 'HPE_HEADER_OVERFLOW') socket.end(headerOverflowAnswer(parts.headerLimit, this.#defaultProduct));
      else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    this.http.on('upgrade', (req, socket, head) => this.#upgrade(req, socket, head));
  }

  /** The product answering where no product owns the path (NOT_FOUND's format): Rocket.Chat's, the last product. */
  get #defaultProduct(): RestProduct {
    return this.parts.products.at(-1)!;
  }

  /** The product whose wire format answers `path`: the one owning it, else the default product. */
  #ownerOf(path: string): RestProduct {
    return this.parts.products.find((p) => p.owns(path)) ?? this.#defaultProduct;
  }

  /** A refusal in the format of `path`'s surface: the admin API's (`MOCKCHAT_ERR_INTERNAL` for an unexpected error, which has no code), else its owner's (`#ownerOf`). */
  #refusal(path: string, status: number, error: { message: string; code?: MockchatErrorCode }): RestResponse {
    if (!isAdminPath(path)) return this.#ownerOf(path).refuse(status, error.message, error.code);
    return adminError(status, error.code ? { code: error.code, message: error.message } : new MockchatConfigError('MOCKCHAT_ERR_INTERNAL', error.message));
  }

  /** The answer to a connection past `maxConnections` (a request or an upgrade alike): 503 in `path`'s format, `Retry-After: 1`. */
  #overLimit(path: string): RestResponse {
    return { ...this.#refusal(path, 503, this.#connections.error()), headers: { 'Retry-After': '1' } };
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.#connections.refused(socket)) {
      const refusal = this.#overLimit(pathOf(req.url));
      socket.end(rawJsonAnswer(refusal.status, refusal.body, refusal.headers));
      return;
    }
    if (this.#state !== 'listening' || !this.parts.ddp?.handleUpgrade(req, socket, head)) {
      if (socket.writable) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    }
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        this.#state = 'listening';
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#state = 'closing';
    this.dashboard.close();
    const ddpClosed = this.parts.ddp?.close() ?? Promise.resolve();
    const httpClosed = new Promise<void>((resolve) => {
      if (!this.http.listening) return resolve();
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
    this.#closing = Promise.all([ddpClosed, httpClosed]).then(() => {
      this.#state = 'closed';
    });
    return this.#closing;
  }

  /** Read a JSON body for the admin API (`readAdminJson`); answers 400/413 itself and returns undefined then. */
  async #readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const read = await readAdminJson(req, this.parts.bodyLimit, this.parts.maxJsonDepth);
    if ('value' in read) return read.value;
    sendJson(res, read.refusal);
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(q + 1)));
    const { logger, ddp } = this.parts;
    const admin = isAdminPath(path);
    const product = admin ? undefined : this.parts.products.find((p) => p.owns(path));
    if (this.#connections.refused(req.socket)) {
      res.setHeader('Connection', 'close');
      return sendJson(res, this.#overLimit(path));
    }
    if (ddp?.owns(path)) {
      ddp.handleRequest(req, res);
      logger.debug(`${req.method} ${path} (sockjs)`);
      return;
    }
    const method = req.method ?? 'GET';
    // An emulated route always wins; a spec operation serves what no emulated route does.
    const specs = this.parts.specs?.();
    const fromSpec = admin || product?.serves(method, path) ? undefined : specs?.catalog.match(method, path);
    const preflightForSpec = method === 'OPTIONS' && !admin && !product && specs?.catalog.hasPath(path);
    if (!admin && !product && !fromSpec && !preflightForSpec) return sendJson(res, NOT_FOUND);
    const origins = admin ? this.parts.cors.admin : this.parts.cors.api;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req, origins) ?? {}).end();
      return;
    }
    const cors = corsHeaders(req, origins);
    if (cors) for (const name in cors) res.setHeader(name, cors[name]);
    if (fromSpec) {
      const { journal, bodyLimit, maxJsonDepth } = this.parts;
      const status = await serveFallback({ req, res, path, operation: fromSpec, fallback: specs!.fallback, journal, bodyLimit, maxJsonDepth, product: product ?? this.#defaultProduct, started });
      logger.debug(`${method} ${path} ${status} (spec ${fromSpec.file}) ${(performance.now() - started).toFixed(1)}ms`);
      return;
    }
    const sandbox = joinedHeader(req.headers['x-mockchat-sandbox']);
    let tenant: Tenant | undefined;
    try {
      if (!admin) tenant = this.parts.tenants.resolve(sandbox);
    } catch (error) {
      if (!(error instanceof MockchatConfigError)) throw error;
      return sendJson(res, product!.refuse(400, error.message, error.code));
    }
    let status: number;
    const tokenInQuery = admin && this.dashboard.acceptsQueryToken(method, path) ? query.token : undefined;
    if (admin && this.parts.adminToken && !this.dashboard.isPublic(method, path) && !hasToken(req, this.parts.adminToken, tokenInQuery)) {
      return sendJson(res, adminError(401, new MockchatConfigError('MOCKCHAT_ERR_ADMIN_TOKEN', 'The admin API needs "Authorization: Bearer <admin token>".')));
    }
    const page = admin ? this.dashboard.handle({ req, res, path, query, sandbox }) : undefined;
    if (page !== undefined) {
      logger.debug(`${method} ${path} ${page} (dashboard)`);
      return;
    }
    if (admin && this.#data.owns(path)) {
      let dataTenant: Tenant;
      try {
        dataTenant = this.parts.tenants.resolve(sandbox);
      } catch (error) {
        if (!(error instanceof MockchatConfigError)) throw error;
        return sendJson(res, adminError(400, error));
      }
      status = await this.#data.handle(req, res, dataTenant, path);
    } else if (admin) {
      const body = req.method === 'PUT' || req.method === 'POST' ? await this.#readJson(req, res) : {};
      if (body === undefined) return;
      const { tenants, journal, reloadStatus } = this.parts;
      const response: RestResponse = handleAdmin({ sandbox, tenants, journal, reloadStatus }, req.method ?? 'GET', path, body, query) ?? {
        status: 404,
        body: { error: { code: 'MOCKCHAT_ERR_NOT_FOUND', message: `[mockchat] No admin route ${req.method} ${path}` } },
      };
      sendJson(res, response);
      status = response.status;
    } else {
      status = await serveRest({ req, res, path, query, tenant: tenant!, product: product!, journal: this.parts.journal, bodyLimit: this.parts.bodyLimit, maxJsonDepth: this.parts.maxJsonDepth, started });
    }
    logger.debug(`${req.method} ${path} ${status} ${(performance.now() - started).toFixed(1)}ms`);
  }
}

const isAdminPath = (path: string): boolean => path.startsWith('/__mockchat/') || path === '/__mockchat';

/** `Authorization: Bearer <token>`, or `queryToken` (`?token=` where the route allows it); constant-time. */
function hasToken(req: IncomingMessage, token: string, queryToken?: string): boolean {
  const given = Buffer.from(req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? queryToken ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
