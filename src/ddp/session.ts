import { Heartbeat, RateGuard } from './connection-guards.js';
import { errorFrame, isMethodMessage, isSubMessage, negotiateVersion, parseDdp, randomId, stringifyDdp, TOO_DEEP, type DdpMessage, type SubMessage } from './messages.js';
import { depthMessage } from '../json-values.js';
import { raise } from '../errors.js';
import { callMethod, type CallingConnection } from './method-call.js';
import { toMeteorErrorObject } from './meteor-error.js';
import type { DdpRegistry } from './registry.js';
import { SubscriptionHandle } from './subscription.js';

/** One socket, whatever its framing (raw WebSocket or SockJS). */
export interface DdpTransport {
  readonly remoteAddress: string;
  readonly query: Readonly<Record<string, string>>;
  /** Send one DDP message (already serialised), or two in order (`next`: one write for both). */
  send(text: string, next?: string): void;
  /** Close politely with a code and reason. */
  close(code: number, reason: string): void;
}

export interface SessionOptions {
  heartbeatInterval: number;
  heartbeatTimeout: number;
  maxMessagesPerSecond: number;
  /** Deepest accepted nesting of objects/arrays in a frame; deeper frames get an error frame. */
  maxJsonDepth: number;
  /** Send `{"server_id":"0"}` on open, as Meteor before 2.3 did (harmless to modern clients). */
  sendServerId: boolean;
}

/**
 * One DDP connection (Meteor's livedata `Session` plus the pre-connect checks of its stream
 * server). Messages are processed strictly in order: a method's frames are sent before the
 * next message is looked at. The logged-in user lives here and dies with the socket.
 */
export class DdpSession implements CallingConnection {
  readonly id = randomId();
  userId?: string;
  token?: string;
  version?: string;
  #closed = false;
  #queue: Promise<void> = Promise.resolve();
  /** Tasks chained on `#queue` that have not finished. */
  #pending = 0;
  readonly #subs = new Map<string, SubscriptionHandle>();
  readonly #heartbeat: Heartbeat;
  readonly #guard: RateGuard;

  constructor(
    private readonly transport: DdpTransport,
    private readonly registry: DdpRegistry,
    private readonly options: SessionOptions,
    private readonly onEnd: (session: DdpSession) => void,
  ) {
    this.#guard = new RateGuard(options.maxMessagesPerSecond);
    this.#heartbeat = new Heartbeat({
      interval: options.heartbeatInterval,
      timeout: options.heartbeatTimeout,
      // Before `connect` there is no session to ping; an idle unconnected socket just times out.
      sendPing: () => this.version !== undefined && this.send({ msg: 'ping' }),
      onTimeout: () => this.close(1000, 'Heartbeat timeout'),
    });
    if (options.sendServerId) this.transport.send('{"server_id":"0"}');
    this.#heartbeat.start();
  }

  get clientAddress(): string {
    return this.transport.remoteAddress;
  }

  get query(): Readonly<Record<string, string>> {
    return this.transport.query;
  }

  get closed(): boolean {
    return this.#closed;
  }

  setUser(user: { userId: string; token: string } | undefined): void {
    this.userId = user?.userId;
    this.token = user?.token;
  }

  /** A text frame from the client. */
  receive(text: string): void {
    if (this.#closed) return;
    const now = performance.now();
    this.#heartbeat.seen(now);
    if (!this.#guard.allow(now)) return this.close(1008, 'Too many messages');
    const message = parseDdp(text, this.options.maxJsonDepth);
    if (message === TOO_DEEP) return this.#enqueue(() => this.send(errorFrame(`Bad request: ${depthMessage(this.options.maxJsonDepth)}`)));
    // Meteor answers pings at once, without queuing them behind a running method.
    if (this.version !== undefined && (message?.msg === 'ping' || message?.msg === 'pong')) return void this.#process(message);
    this.#enqueue(() => this.#process(message));
  }

  /** A binary frame: DDP is text only, so it is a bad request like unparseable JSON. */
  receiveBinary(): void {
    if (this.#closed) return;
    this.#heartbeat.seen();
    if (!this.#guard.allow()) return this.close(1008, 'Too many messages');
    this.#enqueue(() => this.send(errorFrame('Bad request')));
  }

  /**
   * Run `task` after every earlier message's task has finished (Meteor processes a
   * connection's messages in order). With none pending, it runs at once: most methods answer
   * synchronously, and a promise chain per message was a measurable share of a call's cost.
   * A task that returns a promise keeps later messages waiting until it settles.
   */
  #enqueue(task: () => void | Promise<void>): void {
    if (this.#pending === 0) {
      let running: void | Promise<void>;
      try {
        running = task();
      } catch {
        return this.#failed();
      }
      if (running === undefined) return;
      this.#pending += 1;
      this.#queue = running.catch(this.#failed).then(this.#settled);
      return;
    }
    this.#pending += 1;
    this.#queue = this.#queue.then(task).catch(this.#failed).then(this.#settled);
  }

  /** A task threw past its own error handling (e.g. a result that does not serialise): close, answering nothing more. */
  readonly #failed = (): void => this.close(1011, 'Internal error');

  /** A queued task finished, answered or not. */
  readonly #settled = (): void => {
    this.#pending -= 1;
  };

  send(message: DdpMessage): void {
    this.sendText(stringifyDdp(message));
  }

  /** Serialised messages, in order (`next`: a second one in the same write); nothing once closed. */
  sendText(text: string, next?: string): void {
    if (!this.#closed) this.transport.send(text, next);
  }

  /** Server-side close; `ended()` follows when the transport reports the close. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.transport.close(code, reason);
    this.ended();
  }

  /** The socket is gone: stop timers, forget the user and the subscriptions. */
  ended(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#heartbeat.stop();
    this.setUser(undefined);
    this.#subs.clear();
    this.onEnd(this);
  }

  #process(m: DdpMessage | null): void | Promise<void> {
    if (this.#closed) return;
    if (m === null) return this.send(errorFrame('Bad request'));
    if (m.msg === 'connect') {
      if (this.version !== undefined) return this.send(errorFrame('Already connected', m));
      return this.#connect(m);
    }
    if (this.version === undefined) return this.send(errorFrame('Must connect first', m));
    switch (m.msg) {
      case 'ping':
        if (this.registry.policy.answersPings?.(this) === false) return;
        return this.send({ msg: 'pong', ...(m.id !== undefined && { id: m.id }) });
      case 'pong':
        return;
      case 'method':
        return isMethodMessage(m) ? callMethod(this, this.registry, m) : this.send(errorFrame('Malformed method invocation', m));
      case 'sub':
        return isSubMessage(m) ? this.#sub(m) : this.send(errorFrame('Malformed subscription', m));
      case 'unsub':
        return this.#unsub(m);
      default:
        return this.send(errorFrame('Bad request', m));
    }
  }

  #connect(m: DdpMessage): void {
    const negotiated = negotiateVersion(m);
    if (!negotiated.ok) {
      this.send({ msg: 'failed', version: negotiated.version });
      return this.close(1000, 'Unsupported DDP version');
    }
    this.version = negotiated.version;
    this.send({ msg: 'connected', session: this.id });
  }

  #sub(m: SubMessage): void {
    if (this.#subs.has(m.id)) return;
    const handler = this.registry.findPublication(m.name);
    if (!handler) return this.send({ msg: 'nosub', id: m.id, error: toMeteorErrorObject(raise('SUBSCRIPTION_NOT_FOUND', { name: m.name })) });
    const sub = new SubscriptionHandle(m.id, m.name, this, (message) => this.send(message), () => this.#subs.delete(m.id));
    this.#subs.set(m.id, sub);
    try {
      handler(sub, m.params ?? []);
    } catch (error) {
      sub.error(error);
    }
  }

  #unsub(m: DdpMessage): void {
    const id = typeof m.id === 'string' ? m.id : undefined;
    if (id !== undefined) this.#subs.get(id)?.stop();
    this.send({ msg: 'nosub', ...(id !== undefined && { id }) });
  }
}
