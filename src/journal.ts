/**
 * One bounded journal of what reached the server: HTTP requests and DDP method calls, each
 * call matched to its answer. Secrets are redacted before an entry is stored, so nothing
 * read from the journal (API, admin route, dashboard) can leak a password, digest or token.
 */
export interface JournalEntry {
  seq: number;
  time: string;
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

const SECRET_KEYS = new Set(['pass', 'password', 'digest', 'token', 'authtoken', 'resume', 'x-auth-token', 'newpassword', 'hashedtoken', 'services']);
export const REDACTED = '[redacted]';

/** Deep copy with every secret-looking key replaced by `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k.toLowerCase()) ? REDACTED : redact(v, depth + 1);
  return out;
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

export class Journal {
  readonly #entries: JournalEntry[] = [];
  #seq = 0;
  readonly #listeners = new Set<(entry: JournalEntry) => void>();

  constructor(readonly capacity = 1000) {}

  record(entry: Omit<JournalEntry, 'seq' | 'time' | 'args' | 'response'> & { args?: unknown; response?: unknown }): JournalEntry {
    const full: JournalEntry = { ...entry, seq: ++this.#seq, time: new Date().toISOString(), args: redact(entry.args), response: redact(entry.response) };
    this.#entries.push(full);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  /** Entries matching `filter`, oldest first (the last `limit` ones when limited). */
  find(filter: JournalFilter = {}): JournalEntry[] {
    const since = filter.since === undefined ? undefined : typeof filter.since === 'number' ? filter.since : Date.parse(filter.since);
    const found = this.#entries.filter(
      (e) =>
        (filter.transport === undefined || e.transport === filter.transport) &&
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.path === undefined || e.path === filter.path) &&
        (filter.status === undefined || e.status === filter.status) &&
        (filter.sandbox === undefined || e.sandbox === filter.sandbox) &&
        (since === undefined || Date.parse(e.time) >= since) &&
        (filter.where === undefined || contains(e.args, filter.where)),
    );
    return filter.limit !== undefined ? found.slice(-filter.limit) : found;
  }

  count(filter: JournalFilter = {}): number {
    return this.find({ ...filter, limit: undefined }).length;
  }

  /**
   * Whether `operation` was called with arguments containing `where`, over any transport.
   * @example
   * mock.journal.wasCalled('registerUser', { email: 'jane@example.com' }); // REST, DDP or method.call
   */
  wasCalled(operation: string, where?: Record<string, unknown>): boolean {
    return this.count({ operation, where }) > 0;
  }

  clear(): void {
    this.#entries.length = 0;
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
