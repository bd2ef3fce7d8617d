/**
 * What a product registers on the DDP server: methods and publications by name. The
 * protocol layer knows nothing else of the product; Rocket.Chat's registrations live in
 * src/rocketchat/ddp-methods.ts.
 */

/** The calling connection, as a method or publication sees it (Meteor's `this.connection`, `this.userId`). */
export interface DdpConnection {
  /** The DDP session id (17 characters), also the connection's rate-limit key. */
  readonly id: string;
  readonly clientAddress: string;
  /** Query parameters of the connection URL (e.g. `?scenario=a,b`). */
  readonly query: Readonly<Record<string, string>>;
  /** Set by a login method through `setUser`; dropped when the connection closes. */
  readonly userId?: string;
  readonly token?: string;
  /** Meteor's `this.setUserId`, plus the login token it came with. */
  setUser(user: { userId: string; token: string } | undefined): void;
}

/** A method body. Throw to answer with an error; return `undefined` to omit `result`. */
export type MethodHandler = (connection: DdpConnection, params: unknown[]) => unknown;

/** The publication side of a subscription (Meteor's `this` inside `Meteor.publish`). */
export interface Subscription {
  readonly id: string;
  readonly name: string;
  readonly connection: DdpConnection;
  added(collection: string, id: string, fields: Record<string, unknown>): void;
  ready(): void;
  /** End the subscription with an error (`nosub` carrying the sanitised error). */
  error(err: unknown): void;
}

export type PublicationHandler = (sub: Subscription, params: unknown[]) => void;

/** What to do to one method call before/instead of answering it (fault injection). */
export interface MethodFaults {
  delayMs: number;
  /** Close the connection without answering. */
  drop: boolean;
  /** Run the method but send neither `result` nor `updated`. */
  withholdResult: boolean;
  /** Answer with a Meteor error of this code instead of running the method. */
  status?: number;
  /** The error's reason with `status`. */
  reason?: string;
}

/** A finished method call, for journals: the call matched to its answer. */
export interface MethodEvent {
  connection: DdpConnection;
  id: string;
  method: string;
  params: unknown[];
  result?: unknown;
  error?: unknown;
  /** True when the result was withheld by a fault or the connection dropped. */
  unanswered?: boolean;
  durationMs: number;
}

/** Per-connection behaviour a product (or its scenarios) can set; all optional. */
export interface ConnectionPolicy {
  /**
   * Refuse a connection at upgrade (e.g. an unknown scenario): the JSON body of the 400
   * answer, in the product's error format, or undefined to accept.
   */
  refuse?(query: Readonly<Record<string, string>>): Record<string, unknown> | undefined;
  faults?(connection: DdpConnection, method: string): MethodFaults | undefined;
  /** False to leave the client's pings unanswered. */
  answersPings?(connection: DdpConnection): boolean;
}

export class DdpRegistry {
  readonly #methods = new Map<string, MethodHandler>();
  readonly #publications = new Map<string, PublicationHandler>();
  policy: ConnectionPolicy = {};
  /** Called after every method call (journal). */
  observe?: (event: MethodEvent) => void;

  /**
   * @example
   * registry.method('echo', (_connection, params) => params[0]);
   */
  method(name: string, handler: MethodHandler): this {
    this.#methods.set(name, handler);
    return this;
  }

  /**
   * @example
   * registry.publish('meteor.loginServiceConfiguration', (sub) => sub.ready());
   */
  publish(name: string, handler: PublicationHandler): this {
    this.#publications.set(name, handler);
    return this;
  }

  findMethod(name: string): MethodHandler | undefined {
    return this.#methods.get(name);
  }

  findPublication(name: string): PublicationHandler | undefined {
    return this.#publications.get(name);
  }
}
