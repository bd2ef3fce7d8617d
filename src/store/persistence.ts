import { closeSync, existsSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { MockchatConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Workspace, WorkspaceChange } from '../rocketchat/workspace.js';
import type { Community, CommunityChange } from '../selfcommunity/community.js';
import { looksLikeDbFile, readDbFile, serializeDb, writeFileAtomic, type DbState } from './db-file.js';
import { replayLog, type LogEntry, type LogHeader } from './db-log.js';

export interface PersistenceOptions {
  /** The json-server-compatible file; its log is `FILE.log`. */
  file: string;
  /** Start from the seed (the state the owners hold now) and overwrite the file. */
  reset?: boolean;
  logger: Logger;
  /** Compact when the log grows past this many bytes (or past the file's size, if larger). Default 8 MiB. */
  compactBytes?: number;
}

/**
 * `--db FILE`: the main tenant's state kept on disk. Every write to the workspace or the
 * community appends one JSON line to `FILE.log` with a synchronous `write(2)` before the
 * request that caused it is answered, so an acknowledged write survives `kill -9` (the kernel
 * holds it). The log is folded into the file (temporary file, fsync, rename, then the log is
 * truncated) at start, after a reset or restore, when the log outgrows the file, and on close.
 * Sandboxes are never persisted.
 */
export class Persistence {
  readonly file: string;
  readonly log: string;
  #fd: number;
  #logBytes = 0;
  #fileBytes = 0;
  #generation: number;
  readonly #offs: Array<() => void> = [];
  readonly #compactBytes: number;
  #closed = false;

  private constructor(
    options: PersistenceOptions,
    private readonly workspace: Workspace,
    private readonly community: Community,
    generation: number,
    /** Whether `open` loaded an existing file (not a fresh one, not `reset`). */
    readonly loaded: boolean,
  ) {
    this.file = options.file;
    this.log = `${options.file}.log`;
    this.#compactBytes = options.compactBytes ?? 8 * 1024 * 1024;
    this.#generation = generation;
    this.#fd = openSync(this.log, 'a');
    this.#compact();
    this.#offs.push(workspace.changes.on((e) => this.#onWorkspace(e)));
    this.#offs.push(community.changes.on((e) => this.#onCommunity(e)));
  }

  /**
   * Load the file and its log into the owners (or, with `reset` or no file yet, keep the
   * seeded state they hold), write a fresh file, and start logging their changes.
   */
  static open(options: PersistenceOptions, workspace: Workspace, community: Community): Persistence {
    const { file, reset, logger } = options;
    const log = `${file}.log`;
    let generation = 0;
    let loaded = false;
    if (existsSync(file) && reset) {
      if (!looksLikeDbFile(file)) throw new MockchatConfigError('MOCKCHAT_ERR_DB', `${file}: not a mockchat database; --reset replaces only files mockchat wrote. Remove it yourself or choose another path.`);
      generation = safeGeneration(file);
      logger.info(`--reset: ${file} starts again from the seed`);
    } else if (existsSync(file)) {
      const replayed = replayLog(log, readDbFile(file));
      if (replayed.torn) logger.warn(`${log}: ${replayed.torn}; skipped (a crash during a write that was never acknowledged)`);
      if (replayed.stale) logger.warn(`${log}: written for an older generation of ${file} (a crash during compaction); skipped`);
      workspace.load(replayed.state.workspace);
      if (replayed.state.community) community.load(replayed.state.community);
      generation = replayed.state.generation;
      loaded = true;
      logger.info(`${file}: ${workspace.users.size} users loaded (${replayed.applied} log entries replayed)`);
    } else if (existsSync(log)) {
      throw new MockchatConfigError('MOCKCHAT_ERR_DB', `${log} exists but ${file} does not; refusing to guess. Remove the log or restore the file.`);
    }
    return new Persistence(options, workspace, community, generation, loaded);
  }

  /** Fold the state into the file (atomically) and empty the log. */
  #compact(): void {
    if (this.#closed) return;
    this.#generation++;
    const state: DbState = {
      generation: this.#generation,
      workspace: this.workspace.toState(),
      community: this.community.toState(),
    };
    const text = serializeDb(state);
    writeFileAtomic(this.file, text);
    this.#fileBytes = Buffer.byteLength(text);
    ftruncateSync(this.#fd, 0);
    this.#logBytes = 0;
    const header: LogHeader = { mockchatLog: 1, generation: this.#generation };
    this.#write(header);
  }

  /** Stop listening, compact, close the log. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    for (const off of this.#offs) off();
    this.#compact();
    this.#closed = true;
    closeSync(this.#fd);
  }

  #append(entry: LogEntry): void {
    if (this.#closed) return;
    this.#write(entry);
    if (this.#logBytes > Math.max(this.#compactBytes, this.#fileBytes)) this.#compact();
  }

  #write(value: LogEntry | LogHeader): void {
    const line = `${JSON.stringify(value)}\n`;
    this.#logBytes += writeSync(this.#fd, line);
  }

  #onWorkspace(e: WorkspaceChange): void {
    switch (e.kind) {
      case 'user':
        if (e.change.op === 'put') return this.#append({ u: e.change.doc });
        if (e.change.op === 'delete') return this.#append({ ud: e.change.id });
        return this.#compact();
      case 'token':
        if (e.change.op === 'put') return this.#append({ t: e.change.token });
        if (e.change.op === 'delete') return this.#append({ td: e.change.hashedToken });
        return this.#compact();
      case 'setting':
        return this.#append({ s: [e.id, e.value ?? null] });
      case 'permission':
        return this.#append({ p: [e.doc._id, e.doc.roles] });
      case 'permission-removed':
        return this.#append({ p: [e.id, null] });
      case 'load':
        return this.#compact();
    }
  }

  #onCommunity(e: CommunityChange): void {
    if (e.kind === 'load') return this.#compact();
    if (e.kind === 'token') return this.#append(e.op === 'put' ? { st: e.token } : { std: e.token.access_token });
    if (e.kind === 'invite') return this.#append({ si: e.invite });
    if (e.kind === 'validation') return this.#append(e.op === 'put' ? { sv: e.entry } : { svd: e.code });
    if (e.change.op === 'put') return this.#append({ su: e.change.doc });
    if (e.change.op === 'delete') return this.#append({ sud: e.change.id });
    this.#compact();
  }
}

/** The generation of a file about to be replaced by `--reset` (0 when unreadable), so a stale log is never replayed over the seed. */
function safeGeneration(file: string): number {
  try {
    return readDbFile(file).generation;
  } catch {
    return statSync(file).mtimeMs | 0;
  }
}
