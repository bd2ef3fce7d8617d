/* The two framings DDP travels in: raw WebSocket (`ws`) and SockJS (`sockjs`). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type sockjs from 'sockjs';
import type { RawData, WebSocket } from 'ws';
import type { DdpSession, DdpTransport } from './session.js';
import { textFrames, type TurnFlush } from './ws-frame.js';
import { requireCjs } from '../require-cjs.js';

/**
 * The raw WebSocket endpoint (`/websocket`, `/sockjs/websocket`): one DDP message per text
 * frame, no SockJS framing. `ws` itself closes on invalid UTF-8 (1007) and on frames over
 * `maxPayload` (1009); the `error` listener keeps those from reaching the process.
 */
export function webSocketTransport(socket: WebSocket, req: IncomingMessage, flush: TurnFlush): DdpTransport {
  // Frames sent in the same event-loop turn (a method's `updated` and `result`, and the
  // answers to every other message read in that turn) leave together: the TCP socket is corked
  // on the first frame and uncorked once the turn's I/O callbacks have run (`flush`: one
  // setImmediate per turn for every socket the server corked in it). That halves the write
  // syscalls per method call, and a client with many connections is woken once per turn
  // instead of once per answer: waking the peer was ~12% of the server's
  // CPU under the 64-connection load the bench used then, ~3% with this (perf, docs/performance.md).
  // Each frame is encoded here and written to the TCP socket `ws` owns (see ws-frame.ts), in
  // order with anything `ws` writes itself (a close frame, a pong): both go through the same
  // corked socket.
  const tcp = req.socket;
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  return {
    remoteAddress: req.socket.remoteAddress ?? '',
    query: queryOf(req.url),
    send: (text, next) => {
      if (socket.readyState !== socket.OPEN) return;
      if (!corked) {
        corked = true;
        tcp.cork();
        flush.atTurnEnd(uncork);
      }
      tcp.write(textFrames(text, next));
    },
    close: (code, reason) => {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
    },
  };
}

/** Feed a socket's frames to its session and tell the session when the socket is gone. */
export function bindWebSocket(socket: WebSocket, session: DdpSession): void {
  socket.on('error', () => {
    /* ws closes the socket itself (1002/1007/1009); the 'close' event ends the session */
  });
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return session.receiveBinary();
    session.receive(toBuffer(data).toString('utf8'));
  });
  socket.on('close', () => session.ended());
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export interface SockJsOptions {
  /** URL prefix. Meteor uses `/sockjs`. */
  prefix: string;
  /** Milliseconds between `h` frames: Meteor sets 45 s. */
  heartbeatDelay: number;
  /** Largest accepted WebSocket message in bytes (faye-websocket closes with 1009 above it). */
  maxMessageBytes: number;
}

/** What the `sockjs` package hands us: request and upgrade handler in one function. */
type SockJsHandler = (req: IncomingMessage, resOrSocket: ServerResponse | Duplex, head?: Buffer) => boolean;

/**
 * SockJS through the `sockjs` package, the server half Meteor itself uses
 * (docs/decisions/0006-sockjs.md). We do not let it `installHandlers` (it would take over the
 * server's listeners); `MockchatServer` calls `handle` for `/sockjs/...` requests and upgrades.
 */
export class SockJsEndpoint {
  #handler?: SockJsHandler;

  constructor(
    private readonly options: SockJsOptions,
    private readonly onConnection: (conn: sockjs.Connection) => void,
  ) {}

  /** Serve a SockJS request or upgrade; false when sockjs does not own it. */
  handle(req: IncomingMessage, resOrSocket: ServerResponse | Duplex, head?: Buffer): boolean {
    this.#handler ??= this.#create();
    return this.#handler(req, resOrSocket, head);
  }

  // sockjs (CommonJS, with faye-websocket) takes ~50 ms to load: it is required on the first
  // SockJS request rather than at start-up, where most users only ever use REST or /websocket.
  #create(): SockJsHandler {
    const { options, onConnection } = this;
    const { createServer } = requireCjs('sockjs') as typeof sockjs;
    const server = createServer({
      prefix: options.prefix,
      heartbeat_delay: options.heartbeatDelay,
      disconnect_delay: 60_000,
      jsessionid: false,
      websocket: true,
      log: () => {},
      // Not in @types/sockjs: passed through to faye-websocket.
      ...({ faye_server_options: { maxLength: options.maxMessageBytes } } as object),
    });
    server.on('connection', (conn: sockjs.Connection | null) => {
      if (conn) onConnection(conn);
    });
    return (server as unknown as { middleware(): SockJsHandler }).middleware();
  }
}

/** A SockJS connection as a DDP transport: `a[...]` frames out, `c[code,reason]` on close. */
export function sockJsTransport(conn: sockjs.Connection): DdpTransport {
  return {
    remoteAddress: conn.remoteAddress ?? '',
    query: queryOf(conn.url),
    send: (text, next) => {
      if (conn.readyState !== 1) return;
      conn.write(text);
      if (next !== undefined) conn.write(next);
    },
    // SockJS close frames carry 1000 or an application code (3000-4999); protocol codes such
    // as 1001 (shutdown) or 1008 (flood) become sockjs-node's own `c[3000,"Go away!"]`.
    close: (code, reason) => {
      if (conn.readyState > 1) return;
      // @types/sockjs types the code as a string, but the frame needs a number: c[3000,"…"].
      const close = conn.close.bind(conn) as unknown as (code: number, reason: string) => void;
      if (code === 1000 || (code >= 3000 && code < 5000)) close(code, reason);
      else close(3000, 'Go away!');
    },
  };
}

/** The query string of a connection URL (`/websocket?scenario=a,b`) as a plain object. */
export function queryOf(url: string | undefined): Record<string, string> {
  const q = (url ?? '').indexOf('?');
  return q === -1 ? {} : Object.fromEntries(new URLSearchParams((url ?? '').slice(q + 1)));
}
