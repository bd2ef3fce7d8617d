import { Heartbeat, RateGuard } from './connection-guards.js';
import { errorFrame, isMethodMessage, isSubMessage, negotiateVersion, parseDdp, randomId, stringifyDdp, TOO_DEEP, updatedFrame, type DdpMessage, type MethodMessage, type SubMessage } from './messages.js';
import { depthMessage } from '../json-values.js';
import { raise } from '../errors.js';
import { meteorErrorObject, sanitizedError, toMeteorErrorObject } from './meteor-error.js';
import type { DdpConnection, DdpRegistry, MethodFaults, MethodHandler } from './registry.js';
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
export class DdpSession implements DdpConnection {
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
    const failed = () => this.close(1011, 'Internal error');
    const settled = () => {
      this.#pending -= 1;
    };
    if (this.#pending === 0) {
      let running: void | Promise<void>;
      try {
        running = task();
      } catch {
        return failed();
      }
      if (running === undefined) return;
      this.#pending += 1;
      this.#queue = running.catch(failed).then(settled);
      return;
    }
    this.#pending += 1;
    this.#queue = this.#queue.then(task).catch(failed).then(settled);
  }

  send(message: DdpMessage): void {
    this.#sendText(stringifyDdp(message));
  }

  #sendText(text: string): void {
    if (!this.#closed) this.transport.send(text);
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
        return isMethodMessage(m) ? this.#method(m) : this.send(errorFrame('Malformed method invocation', m));
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

  #method(m: MethodMessage): void | Promise<void> {
    const started = performance.now();
    const handler = this.registry.findMethod(m.method);
    if (!handler) {
      const error = toMeteorErrorObject(raise('METHOD_NOT_FOUND', { method: m.method }));
      this.send({ msg: 'result', id: m.id, error });
      this.#sendText(updatedFrame(m.id));
      return this.#observe(m, started, error, undefined);
    }
    const faults = this.registry.policy.faults?.(this, m.method);
    if (faults?.delayMs) return new Promise<void>((resolve) => setTimeout(resolve, faults.delayMs)).then(() => this.#invoke(m, handler, faults, started));
    return this.#invoke(m, handler, faults, started);
  }

  /** Run the method (or its fault) and answer; a promise only when the method returns one. */
  #invoke(m: MethodMessage, handler: MethodHandler, faults: MethodFaults | undefined, started: number): void | Promise<void> {
    if (faults?.drop) {
      this.close(1011, 'Connection dropped by a mockchat fault');
      return this.#observe(m, started, undefined, undefined, true);
    }
    if (faults?.status !== undefined) {
      const error = meteorErrorObject(faults.status, faults.reason ?? 'Internal server error');
      this.send({ msg: 'result', id: m.id, error });
      this.#sendText(updatedFrame(m.id));
      return this.#observe(m, started, error, undefined);
    }
    let result: unknown;
    try {
      result = handler(this, m.params ?? []);
    } catch (error) {
      return this.#answer(m, { msg: 'result', id: m.id, error: sanitizedError(error) }, faults, started);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (value) => this.#answer(m, resultFrame(m.id, value), faults, started),
        (error: unknown) => this.#answer(m, { msg: 'result', id: m.id, error: sanitizedError(error) }, faults, started),
      );
    }
    return this.#answer(m, resultFrame(m.id, result), faults, started);
  }

  #answer(m: MethodMessage, reply: DdpMessage, faults: MethodFaults | undefined, started: number): void {
    if (faults?.withholdResult) return this.#observe(m, started, reply.error, reply.result, true);
    // A method without pending writes: the write fence is armed before the result is sent.
    if (!this.#closed) this.transport.send(updatedFrame(m.id), stringifyDdp(reply));
    this.#observe(m, started, reply.error, reply.result);
  }

  /** Report the finished call (the journal): one event object per call. */
  #observe(m: MethodMessage, started: number, error: unknown, result: unknown, unanswered = false): void {
    const observe = this.registry.observe;
    if (observe) observe({ connection: this, id: m.id, method: m.method, params: m.params ?? [], result, error, unanswered, durationMs: performance.now() - started });
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

const resultFrame = (id: string, result: unknown): DdpMessage => (result !== undefined ? { msg: 'result', id, result } : { msg: 'result', id });

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';
