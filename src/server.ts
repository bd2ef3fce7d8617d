import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLarge, parseBody, readBody } from './http/read-body.js';
import { sendJson, type RestResponse } from './http/respond.js';
import type { Duplex } from 'node:stream';
import type { DdpServer } from './ddp/ddp-server.js';
import { handleAdmin } from './admin/admin-api.js';
import { MockchatConfigError } from './errors.js';
import { operationOf, type Journal } from './journal.js';
import type { Logger } from './log.js';
import { planFaults, sleep } from './scenarios/apply-faults.js';
import { faultsFor } from './scenarios/scenario.js';
import type { ScenarioController } from './scenarios/scenario-controller.js';
import type { RocketChatRest } from './rocketchat/rest/rest-api.js';
import { NOT_FOUND } from './rocketchat/rest/render-error.js';
import type { Workspace } from './rocketchat/workspace.js';

export interface ServerParts {
  workspace: Workspace;
  scenarios: ScenarioController;
  journal: Journal;
  /** Back to the seeded state and the base scenario. */
  reset(): void;
  rest: RocketChatRest;
  logger: Logger;
  bodyLimit: number;
  /** DDP over `/websocket` and `/sockjs`; without it upgrades are refused. */
  ddp?: DdpServer;
}

type State = 'idle' | 'listening' | 'closing' | 'closed';

/**
 * One `http.Server` for every surface: Rocket.Chat REST under `/api/`, the admin API under
 * `/__mockchat/`, DDP upgrades at `/websocket` and SockJS under `/sockjs/`. `close()` ends
 * every connection (DDP sockets included) itself and is safe to call twice.
 */
export class MockchatServer {
  readonly http: Server;
  #state: State = 'idle';
  #closing?: Promise<void>;

  constructor(private readonly parts: ServerParts) {
    this.http = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        parts.logger.error(`unexpected error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) sendJson(res, { status: 500, body: { success: false, error: 'Internal server error' } });
        else res.destroy();
      });
    });
    this.http.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    this.http.on('upgrade', (req, socket, head) => this.#upgrade(req, socket, head));
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
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

  get state(): State {
    return this.#state;
  }

  #journal(req: IncomingMessage, path: string, body: unknown, response: RestResponse, durationMs: number): void {
    let operation = operationOf(path);
    let args = body;
    // The method.call bridge: journal the method inside the EJSON message, like a DDP call.
    const bridged = /^\/api\/v1\/method\.call(?:Anon)?\//.test(path) && parseMethodMessage(body);
    if (bridged) {
      operation = bridged.method;
      args = bridged.params[0];
    }
    const r = response.body as { errorType?: string | number } | undefined;
    this.parts.journal.record({ transport: 'http', operation, args, method: req.method ?? 'GET', path, status: response.status, response: response.body, error: r?.errorType, durationMs });
  }

  /** Read a JSON body for the admin API; answers 400/413 itself and returns undefined then. */
  async #readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    try {
      const raw = await readBody(req, this.parts.bodyLimit);
      return raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge;
      sendJson(res, {
        status: tooLarge ? 413 : 400,
        body: { error: { code: tooLarge ? 'MOCKCHAT_ERR_BODY_TOO_LARGE' : 'MOCKCHAT_ERR_BAD_JSON', message: `[mockchat] ${(error as Error).message}` } },
      });
      return undefined;
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(q + 1)));
    const { rest, workspace, logger } = this.parts;

    let response: RestResponse;
    let journaled: { body: unknown } | undefined;
    if (this.parts.ddp?.owns(path)) {
      this.parts.ddp.handleRequest(req, res);
      logger.debug(`${req.method} ${path} (sockjs)`);
      return;
    }
    if (path.startsWith('/__mockchat/')) {
      const body = req.method === 'PUT' || req.method === 'POST' ? await this.#readJson(req, res) : {};
      if (body === undefined) return;
      response = handleAdmin({ workspace, scenarios: this.parts.scenarios, journal: this.parts.journal, reset: this.parts.reset }, req.method ?? 'GET', path, body, query) ?? {
        status: 404,
        body: { error: { code: 'MOCKCHAT_ERR_NOT_FOUND', message: `[mockchat] No admin route ${req.method} ${path}` } },
      };
    } else if (rest.owns(path)) {
      let scoped;
      try {
        scoped = this.parts.scenarios.scoped(headerValue(req.headers['x-mockchat-scenario']));
      } catch (error) {
        if (!(error instanceof MockchatConfigError)) throw error;
        sendJson(res, { status: 400, body: { success: false, error: error.message, errorType: error.code } });
        return;
      }
      const plan = planFaults(faultsFor(scoped.scenario, { route: path, method: path.match(/^\/api\/v1\/method\.call(?:Anon)?\/([^/]+)$/)?.[1] }));
      if (plan.delayMs) await sleep(plan.delayMs);
      if (plan.drop) {
        req.socket.destroy();
        return;
      }
      let body: unknown = {};
      let warning: string | undefined;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        try {
          const parsed = parseBody(await readBody(req, this.parts.bodyLimit), req.headers['content-type']);
          body = parsed.value;
          warning = parsed.warning;
        } catch (error) {
          if (!(error instanceof BodyTooLarge)) throw error;
          res.setHeader('Connection', 'close');
          sendJson(res, { status: 413, body: { success: false, error: error.message } });
          return;
        }
      }
      journaled = { body: req.method === 'GET' ? query : body };
      if (plan.status !== undefined) response = { status: plan.status, body: plan.body };
      else response = rest.handle(scoped.ws, { req, path, query, body, clientAddress: req.socket.remoteAddress ?? '' });
      if (warning) response = { ...response, headers: { ...response.headers, 'X-Mockchat-Warning': warning } };
    } else {
      response = NOT_FOUND;
    }
    sendJson(res, response);
    if (journaled) this.#journal(req, path, journaled.body, response, performance.now() - started);
    logger.debug(`${req.method} ${path} ${response.status} ${(performance.now() - started).toFixed(1)}ms`);
  }
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);

function parseMethodMessage(body: unknown): { method: string; params: unknown[] } | undefined {
  try {
    const m = JSON.parse((body as { message: string }).message) as { method?: unknown; params?: unknown };
    return typeof m.method === 'string' ? { method: m.method, params: Array.isArray(m.params) ? m.params : [] } : undefined;
  } catch {
    return undefined;
  }
}
