import { fold, shallowCopy } from './json-values.js';

/**
 * One bounded journal of what reached the server: HTTP requests and DDP method calls, each
 * call matched to its answer. Secrets are redacted before an entry is stored, so nothing
 * read from the journal (API, admin route, dashboard) can leak a password, digest or token.
 */
export interface JournalEntry {
  seq: number;
  /** ISO time of the call. */
  time: string;
  /** Epoch ms of the call. */
  at: number;
  transport: 'http' | 'ddp';
  /** Canonical operation: the DDP method name (`registerUser`), or the REST route for other routes. */
  operation: string;
  /** The call's main argument: the REST body or query, or the first DDP param (redacted). */
  args: unknown;
  /** HTTP method and path, or `ddp` and the session id. */
  method: string;
  path: string;
  status?: number;
  /** The answer (redacted): the REST body, or the DDP `result`/`error`. */
  response?: unknown;
  error?: string | number;
  durationMs: number;
  sandbox?: string;
}

export interface JournalFilter {
  transport?: 'http' | 'ddp';
  operation?: string;
  path?: string;
  status?: number;
  /** ISO time or epoch ms; entries at or after it. */
  since?: string | number;
  /** Only entries whose `args` contain these values (deep partial match). */
  where?: Record<string, unknown>;
  limit?: number;
  /** Only entries of this sandbox. */
  sandbox?: string;
}

const SECRET_KEYS = new Set(['pass', 'password', 'digest', 'token', 'authtoken', 'resume', 'x-auth-token', 'newpassword', 'hashedtoken', 'services', 'access_token', 'refresh_token', 'client_secret', 'validation_code']);
export const REDACTED = '[redacted]';
/** What stands for an object or array nested deeper than the journal keeps (20 levels). */
const TRUNCATED = '[truncated]';

/**
 * Every secret-looking key replaced by `[redacted]`, at any depth; objects nested deeper than
 * 20 levels become `[truncated]` (an entry must always serialise). Parts without secrets are
 * shared, not copied (entries are never mutated), which keeps journaling cheap per request.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 20) return TRUNCATED;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const r = redact(v, depth + 1);
      if (r !== v) (out ??= [...value])[i] = r;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    const r = SECRET_KEYS.has(fold(k)) ? REDACTED : redact(v, depth + 1);
    if (r !== v) (out ??= shallowCopy(value as Record<string, unknown>))[k] = r;
  }
  return out ?? value;
}

/** REST routes that run a DDP method: journaled under the method's name too. */
const ALIASES: Record<string, string> = {
  '/api/v1/users.register': 'registerUser',
  '/api/v1/login': 'login',
  '/api/v1/logout': 'logout',
};

export function operationOf(path: string): string {
  return ALIASES[path] ?? path;
}

/** What a transport adapter records; the journal adds `seq`, `at`/`time` and redacts `args` and `response`. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'time' | 'at' | 'args' | 'response'> & { args?: unknown; response?: unknown };

/**
 * A finished DDP method call, as much of it as the journal reads: the DDP registry's
 * `MethodEvent` fits this shape (the journal does not depend on the protocol layer).
 */
export interface MethodCallEvent {
  /** The DDP session (its id is the entry's path) and its connection URL's query (`sandbox`). */
  connection: { readonly id: string; readonly query: Readonly<Record<string, string>> };
  method: string;
  params: unknown[];
  durationMs: number;
  /** No answer reached the client (a fault withheld it or dropped the connection): none is journaled. */
  unanswered?: boolean;
  /** The answer: a result, or a Meteor error object (its `error` field is the journaled code). */
  result?: unknown;
  error?: unknown;
}

export class Journal {
  /** A ring buffer: `#start` is the oldest entry once it is full (O(1) per record). */
  readonly #ring: JournalEntry[] = [];
  #start = 0;
  #seq = 0;
  readonly #listeners = new Set<(entry: JournalEntry) => void>();

  constructor(readonly capacity = 1000) {}

  record(entry: JournalRecord): void {
    // Built field by field (entryOf): `{ ...entry, … }` went through V8's generic object spread
    // (~3 µs per request). Absent optional fields are undefined own properties (JSON is unchanged).
    const seq = ++this.#seq;
    if (this.capacity === 0) return;
    const full = entryOf(entry, redact(entry.args), redact(entry.response), seq, '', Date.now());
    if (this.#ring.length < this.capacity) this.#ring.push(full);
    else {
      this.#ring[this.#start] = full;
      this.#start = (this.#start + 1) % this.capacity;
    }
    if (this.#listeners.size > 0) for (const listener of this.#listeners) listener(withTime(full));
  }

  /**
   * A finished DDP method call (the DDP registry's `observe` hook): the first param is the
   * args, and the Meteor error's `error` field is the entry's code.
   */
  recordCall(e: MethodCallEvent): void {
    this.record({
      transport: 'ddp',
      operation: e.method,
      args: e.params[0],
      method: 'ddp',
      path: e.connection.id,
      response: e.unanswered ? undefined : (e.error ?? e.result),
      error: (e.error as { error?: string | number } | undefined)?.error,
      durationMs: e.durationMs,
      sandbox: e.connection.query.sandbox || undefined,
    });
  }

  /** Entries matching `filter`, oldest first (the last `limit` ones when limited). */
  find(filter: JournalFilter = {}): JournalEntry[] {
    const since = filter.since === undefined ? undefined : typeof filter.since === 'number' ? filter.since : Date.parse(filter.since);
    const found = this.#select(filter, since);
    return (filter.limit !== undefined ? found.slice(-filter.limit) : found).map(withTime);
  }

  #select(filter: JournalFilter, since: number | undefined): JournalEntry[] {
    return this.#entries().filter(
      (e) =>
        (filter.transport === undefined || e.transport === filter.transport) &&
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.path === undefined || e.path === filter.path) &&
        (filter.status === undefined || e.status === filter.status) &&
        (filter.sandbox === undefined || e.sandbox === filter.sandbox) &&
        (since === undefined || e.at >= since) &&
        (filter.where === undefined || contains(e.args, filter.where)),
    );
  }

  count(filter: JournalFilter = {}): number {
    const since = filter.since === undefined ? undefined : typeof filter.since === 'number' ? filter.since : Date.parse(filter.since);
    return this.#select(filter, since).length;
  }

  /**
   * Whether `operation` was called with arguments containing `where`, over any transport.
   * @example
   * mock.journal.wasCalled('registerUser', { email: 'jane@example.com' }); // REST, DDP or method.call
   */
  wasCalled(operation: string, where?: Record<string, unknown>): boolean {
    return this.count({ operation, where }) > 0;
  }

  /** Drop every entry, or only those of one sandbox. */
  clear(sandbox?: string): void {
    const kept = sandbox === undefined ? [] : this.#entries().filter((e) => e.sandbox !== sandbox);
    this.#ring.length = 0;
    this.#ring.push(...kept);
    this.#start = 0;
  }

  /** Entries oldest first. */
  #entries(): JournalEntry[] {
    return this.#start === 0 ? this.#ring : [...this.#ring.slice(this.#start), ...this.#ring.slice(0, this.#start)];
  }

  /** Live feed of new entries (the dashboard); returns an unsubscribe function. */
  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') {
    return typeof actual === 'string' && typeof expected === 'string' ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}

const withTime = (e: JournalEntry): JournalEntry => entryOf(e, e.args, e.response, e.seq, new Date(e.at).toISOString(), e.at);

/** A journal entry, field by field in the order JSON shows them (object spread was the slow path). */
function entryOf(e: Omit<JournalEntry, 'seq' | 'time' | 'at' | 'args' | 'response'>, args: unknown, response: unknown, seq: number, time: string, at: number): JournalEntry {
  return {
    transport: e.transport,
    operation: e.operation,
    args,
    method: e.method,
    path: e.path,
    status: e.status,
    response,
    error: e.error,
    durationMs: e.durationMs,
    sandbox: e.sandbox,
    seq,
    time,
    at,
  };
}
