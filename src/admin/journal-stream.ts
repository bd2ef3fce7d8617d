import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal, JournalEntry } from '../journal.js';

/** What one stream wants: entries of one sandbox only, and which past entries to send first. */
export interface StreamOptions {
  sandbox?: string;
  /** Send the last `backlog` journal entries before the live ones. */
  backlog: number;
  /**
   * `Last-Event-ID` of a reconnecting `EventSource`. When it names an entry of this server's
   * run, every kept entry after it is sent instead of the backlog; an id of an earlier run (the
   * server restarted: `seq` starts again at 1) is ignored.
   */
  lastEventId?: string;
}

/** A client that stops reading is dropped once this much output waits for it. */
const MAX_BUFFERED = 1024 * 1024;

/**
 * The live journal as server-sent events (`GET /__mockchat/events`): one `request` event per
 * new journal entry (already redacted by the journal), `id:` being `RUN-SEQ` (this server
 * run's id and the entry's `seq`) so a reconnecting `EventSource` resumes where it stopped,
 * and a client can tell entries of a restarted server from those it has seen. A comment line every `heartbeatMs`
 * keeps proxies from closing idle streams. `close()` ends every stream (server shutdown).
 */
export class JournalStream {
  readonly #streams = new Map<ServerResponse, () => void>();
  /** This run's id, the prefix of every event id. */
  readonly #run: string;
  #heartbeat?: NodeJS.Timeout;
  #closed = false;

  /** `run`: this run's id (tests); a random one (base64url, so it may hold `-` and `_`) by default. */
  constructor(
    private readonly journal: Journal,
    private readonly heartbeatMs = 15_000,
    run = randomBytes(6).toString('base64url'),
  ) {
    this.#run = run;
  }

  /** Open streams right now. */
  get size(): number {
    return this.#streams.size;
  }

  /** Answer `req` with an event stream that lasts until the client leaves or `close()`. */
  open(req: IncomingMessage, res: ServerResponse, options: StreamOptions): void {
    if (this.#closed) {
      res.writeHead(503, { 'Content-Length': 0, Connection: 'close' }).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    res.write('retry: 2000\n\n');
    const wanted = (e: JournalEntry) => options.sandbox === undefined || e.sandbox === options.sandbox;
    const past = this.journal.find(options.sandbox === undefined ? {} : { sandbox: options.sandbox });
    const after = this.#seqOf(options.lastEventId);
    const replay = after !== undefined ? past.filter((e) => e.seq > after) : past.slice(past.length - Math.min(options.backlog, past.length));
    for (const entry of replay) this.#send(res, entry);
    const unsubscribe = this.journal.subscribe((entry) => {
      if (wanted(entry)) this.#send(res, entry);
    });
    this.#streams.set(res, unsubscribe);
    res.on('close', () => this.#drop(res));
    this.#heartbeat ??= setInterval(() => {
      for (const stream of this.#streams.keys()) if (!stream.destroyed) stream.write(': ping\n\n');
    }, this.heartbeatMs).unref();
  }

  /** End every stream; later `open()` calls answer 503. Safe to call twice. */
  close(): void {
    this.#closed = true;
    for (const res of [...this.#streams.keys()]) {
      this.#drop(res);
      res.end();
    }
  }

  #send(res: ServerResponse, entry: JournalEntry): void {
    if (res.destroyed || res.writableEnded) return;
    if (res.writableLength > MAX_BUFFERED) {
      res.destroy();
      return;
    }
    res.write(`id: ${this.#run}-${entry.seq}\nevent: request\ndata: ${JSON.stringify(entry)}\n\n`);
  }

  /** The seq an event id of this run names; undefined for another run's id or a malformed one. */
  #seqOf(id: string | undefined): number | undefined {
    if (!id?.startsWith(`${this.#run}-`)) return undefined;
    const seq = id.slice(this.#run.length + 1);
    return /^\d+$/.test(seq) ? Number(seq) : undefined;
  }

  #drop(res: ServerResponse): void {
    this.#streams.get(res)?.();
    this.#streams.delete(res);
    if (this.#streams.size === 0 && this.#heartbeat) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }
}
