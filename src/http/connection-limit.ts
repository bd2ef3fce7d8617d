import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { MockchatConfigError } from '../errors.js';
import { rawJsonAnswer } from './respond.js';
import type { RestProduct } from './rest-product.js';

/** How long a refused socket may stay open to receive its answer. */
const REFUSED_GRACE_MS = 5000;

/**
 * The `maxConnections` guard: counts open TCP connections (HTTP keep-alive and DDP alike).
 * A connection past the limit is not dropped silently (as `server.maxConnections` would):
 * it is marked, its first request answers `503 MOCKCHAT_ERR_CONNECTIONS` with
 * `Connection: close`, and it is destroyed after a short grace if it sends nothing.
 */
export class ConnectionLimit {
  readonly #open = new Set<Socket>();
  readonly #refused = new WeakSet<Duplex>();

  constructor(readonly max: number) {}

  /** The server's `connection` listener. */
  readonly accept = (socket: Socket): void => {
    if (this.#open.size >= this.max) {
      this.#refused.add(socket);
      setTimeout(() => socket.destroy(), REFUSED_GRACE_MS).unref();
      return;
    }
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
  };

  /** Whether this socket arrived past the limit. */
  refused(socket: Duplex): boolean {
    return this.#refused.has(socket);
  }

  /** The error a refused connection is answered with. */
  error(): MockchatConfigError {
    return new MockchatConfigError('MOCKCHAT_ERR_CONNECTIONS', `Too many open connections (limit ${this.max}); close some or raise --max-connections.`);
  }
}

/**
 * The answer to a request whose headers exceed Node's `maxHeaderSize`: its path is unknown, so
 * it is refused in the wire format of `product` (Rocket.Chat's).
 */
export function headerOverflowAnswer(limit: number, product: RestProduct): string {
  const error = new MockchatConfigError('MOCKCHAT_ERR_HEADER_TOO_LARGE', `Request headers exceed the limit of ${limit} bytes (--header-limit).`);
  return rawJsonAnswer(431, product.refuse(431, error.message, error.code).body);
}
