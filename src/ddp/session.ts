import { Heartbeat, RateGuard } from './connection-guards.js';
import { errorFrame, isMethodMessage, isSubMessage, negotiateVersion, parseDdp, randomId, stringifyDdp, TOO_DEEP, type DdpMessage, type MethodMessage, type SubMessage } from './messages.js';
import { depthMessage } from '../http/json-depth.js';
import { raise } from '../errors.js';
import { meteorErrorObject, sanitizedError, toMeteorErrorObject } from './meteor-error.js';
import type { DdpConnection, DdpRegistry } from './registry.js';
import { SubscriptionHandle } from './subscription.js';

/** One socket, whatever its framing (raw WebSocket or SockJS). */
export interface DdpTransport {
  readonly remoteAddress: string;
  readonly query: Readonly<Record<string, string>>;
  /** Send one DDP message (already serialised). */
  send(text: string): void;
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
    this.#heartbeat.seen();
    if (!this.#guard.allow()) return this.close(1008, 'Too many messages');
    const message = parseDdp(text, this.options.maxJsonDepth);
    if (message === TOO_DEEP) {
      this.#queue = this.#queue.then(() => this.send(errorFrame(`Bad request: ${depthMessage(this.options.maxJsonDepth)}`)));
      return;
    }
    // Meteor answers pings at once, without queuing them behind a running method.
    if (this.version !== undefined && (message?.msg === 'ping' || message?.msg === 'pong')) return void this.#process(message);
    this.#queue = this.#queue.then(() => this.#process(message)).catch(() => this.close(1011, 'Internal error'));
  }

  /** A binary frame: DDP is text only, so it is a bad request like unparseable JSON. */
  receiveBinary(): void {
    if (this.#closed) return;
    this.#heartbeat.seen();
    if (!this.#guard.allow()) return this.close(1008, 'Too many messages');
    this.#queue = this.#queue.then(() => this.send(errorFrame('Bad request')));
  }

  send(message: DdpMessage): void {
    if (!this.#closed) this.transport.send(stringifyDdp(message));
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

  async #process(m: DdpMessage | null): Promise<void> {
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

  async #method(m: MethodMessage): Promise<void> {
    const started = performance.now();
    const params = m.params ?? [];
    const observe = (answer: { result?: unknown; error?: unknown; unanswered?: boolean }) =>
      this.registry.observe?.(Object.assign({ connection: this, id: m.id, method: m.method, params }, answer, { durationMs: performance.now() - started }));
    const handler = this.registry.findMethod(m.method);
    if (!handler) {
      const error = toMeteorErrorObject(raise('METHOD_NOT_FOUND', { method: m.method }));
      this.send({ msg: 'result', id: m.id, error });
      this.send({ msg: 'updated', methods: [m.id] });
      return observe({ error });
    }
    const faults = this.registry.policy.faults?.(this, m.method);
    if (faults?.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (faults?.drop) {
      this.close(1011, 'Connection dropped by a mockchat fault');
      return observe({ unanswered: true });
    }
    if (faults?.status !== undefined) {
      const error = meteorErrorObject(faults.status, faults.status >= 500 ? 'Internal server error' : 'Bad request');
      this.send({ msg: 'result', id: m.id, error });
      this.send({ msg: 'updated', methods: [m.id] });
      return observe({ error });
    }
    let reply: DdpMessage;
    try {
      const result = await handler(this, params);
      reply = result !== undefined ? { msg: 'result', id: m.id, result } : { msg: 'result', id: m.id };
    } catch (error) {
      reply = { msg: 'result', id: m.id, error: sanitizedError(error) };
    }
    if (faults?.withholdResult) return observe({ ...answerOf(reply), unanswered: true });
    // A method without pending writes: the write fence is armed before the result is sent.
    this.send({ msg: 'updated', methods: [m.id] });
    this.send(reply);
    observe(answerOf(reply));
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

const answerOf = (reply: DdpMessage) => ('error' in reply ? { error: reply.error } : { result: reply.result });
