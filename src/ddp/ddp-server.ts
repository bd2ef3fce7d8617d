import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer as WebSocketServerType } from 'ws';
import type { DdpRegistry } from './registry.js';
import { DdpSession, type SessionOptions } from './session.js';
import { bindWebSocket, queryOf, SockJsEndpoint, sockJsTransport, webSocketTransport } from './transports.js';
import { TurnFlush } from './ws-frame.js';
import { pathOf } from '../http/headers.js';
import { rawJsonAnswer } from '../http/respond.js';
import { DEFAULT_LIMITS } from '../options.js';
import { requireCjs } from '../require-cjs.js';

// Loaded with require: see require-cjs.ts.
const { WebSocketServer } = requireCjs('ws') as { WebSocketServer: typeof WebSocketServerType };

export interface DdpServerOptions extends SessionOptions {
  /** Largest accepted message in bytes; larger frames close the socket with 1009. */
  maxMessageBytes: number;
  /** Milliseconds between SockJS `h` frames. */
  sockjsHeartbeatDelay: number;
}

/** Meteor's heartbeat and SockJS timings; the limits are mockchat's own defaults (`DEFAULT_LIMITS`). */
const DDP_DEFAULTS: DdpServerOptions = {
  heartbeatInterval: 15_000,
  heartbeatTimeout: 15_000,
  maxMessagesPerSecond: DEFAULT_LIMITS.ddpMaxMessagesPerSecond,
  maxJsonDepth: DEFAULT_LIMITS.maxJsonDepth,
  maxMessageBytes: DEFAULT_LIMITS.ddpMaxMessageBytes,
  sockjsHeartbeatDelay: 45_000,
  sendServerId: true,
};

const RAW_PATHS = new Set(['/websocket', '/websocket/', '/sockjs/websocket', '/sockjs/websocket/']);

/**
 * The DDP server, product-agnostic: raw WebSocket at `/websocket` (and `/sockjs/websocket`)
 * with `ws`, SockJS under `/sockjs`. Products register methods and publications on the
 * registry. `close()` ends every socket and is safe to call twice.
 */
export class DdpServer {
  readonly sessions = new Set<DdpSession>();
  readonly #sockets = new Set<Duplex>();
  readonly #wss: WebSocketServerType;
  readonly #sockjs: SockJsEndpoint;
  readonly #options: DdpServerOptions;
  /** One end-of-turn flush for every raw WebSocket's corked writes. */
  readonly #flush = new TurnFlush();
  #closing?: Promise<void>;

  constructor(
    private readonly registry: DdpRegistry,
    options: Partial<DdpServerOptions> = {},
  ) {
    this.#options = { ...DDP_DEFAULTS, ...options };
    // No compression: the transport writes its own frames next to ws's (decision 0015).
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: this.#options.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
    this.#sockjs = new SockJsEndpoint(
      { prefix: '/sockjs', heartbeatDelay: this.#options.sockjsHeartbeatDelay, maxMessageBytes: this.#options.maxMessageBytes },
      (conn) => {
        const transport = sockJsTransport(conn);
        if (this.#closing) return transport.close(3000, 'Go away!');
        const session = this.#open(transport);
        conn.on('data', (text: string) => session.receive(text));
        conn.on('close', () => session.ended());
      },
    );
  }

  /** Whether `path` is served by this server over plain HTTP (SockJS info and XHR transports). */
  owns(path: string): boolean {
    return path === '/sockjs' || path.startsWith('/sockjs/');
  }

  /** Serve a SockJS HTTP request (`/sockjs/info`, xhr transports). */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    if (!this.#sockjs.handle(req, res)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  }

  /** Take an HTTP upgrade; false when the path is not a DDP endpoint. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(req.url);
    if (!RAW_PATHS.has(path) && !this.owns(path)) return false;
    if (this.#closing) {
      socket.destroy();
      return true;
    }
    const refusal = this.registry.policy.refuse?.(queryOf(req.url));
    if (refusal) {
      socket.end(rawJsonAnswer(400, refusal));
      return true;
    }
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    if (RAW_PATHS.has(path)) {
      this.#wss.handleUpgrade(req, socket, head, (ws) => {
        const session = this.#open(webSocketTransport(ws, req, this.#flush));
        bindWebSocket(ws, session);
      });
    } else if (!this.#sockjs.handle(req, socket, head)) {
      socket.destroy();
    }
    return true;
  }

  /** Close every connection (ws 1001, SockJS `c[3000,"Go away!"]`), then drop what lingers. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    for (const session of [...this.sessions]) session.close(1001, 'Server shutting down');
    if (this.#sockets.size > 0) {
      const drained = Promise.all([...this.#sockets].map((s) => new Promise((resolve) => s.once('close', resolve))));
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 250).unref())]);
      for (const socket of this.#sockets) socket.destroy();
    }
    this.#wss.close();
  }

  #open(transport: ConstructorParameters<typeof DdpSession>[0]): DdpSession {
    const session = new DdpSession(transport, this.registry, this.#options, (s) => this.sessions.delete(s));
    this.sessions.add(session);
    return session;
  }
}
