import { basename, dirname, resolve } from 'node:path';
import type { Logger } from '../log.js';
import { watchDirs } from './watch-dirs.js';

/** What a reload rebuilds. */
export type ReloadPart = 'specs' | 'scenarios' | 'seed' | 'selfcommunity-seed';

/** The outcome of one reload. */
export interface ReloadResult {
  ok: boolean;
  part: ReloadPart;
  /** The changed file (the first one, when several changed together). */
  file: string;
  /** Why the reload failed; the previous version is still in use. */
  error?: string;
  /** ISO time. */
  at: string;
}

/** `GET /__mockchat/reload`: whether mockchat watches its files, how many reloads ran, the last one. */
export interface ReloadStatus {
  watching: boolean;
  count: number;
  last: ReloadResult | null;
}

/** A watched directory and how to rebuild the part it feeds. */
export interface ReloadSource {
  part: ReloadPart;
  dir: string;
  /** Which file names in `dir` belong to this part. */
  accepts(name: string): boolean;
  /** Rebuild the part completely and swap it in, or throw and change nothing. */
  reload(files: string[]): void;
}

export const NOT_WATCHING: ReloadStatus = Object.freeze({ watching: false, count: 0, last: null });

/**
 * `--watch`: watches the sources' directories and, after a change settles, rebuilds each
 * changed part. A part that fails to rebuild is logged (`reload failed: FILE: why`), recorded
 * as the last result and otherwise ignored: the previous version keeps serving.
 */
export class HotReload {
  #count = 0;
  #last: ReloadResult | null = null;
  #watcher?: { close(): void };
  readonly #sources: ReloadSource[];

  constructor(sources: readonly ReloadSource[], private readonly logger: Logger, private readonly debounceMs = 100) {
    this.#sources = sources.map((s) => ({ ...s, dir: resolve(s.dir) }));
  }

  /** Start watching. */
  start(): this {
    const onError = (error: Error) => this.logger.warn(`watch error: ${error.message}`);
    this.#watcher = watchDirs(this.#sources, (files) => this.#changed(files), onError, this.debounceMs);
    return this;
  }

  /** Stop watching; safe to call twice. */
  close(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  status(): ReloadStatus {
    return { watching: this.#watcher !== undefined, count: this.#count, last: this.#last };
  }

  #changed(files: string[]): void {
    const byPart = new Map<ReloadPart, { source: ReloadSource; files: string[] }>();
    for (const file of files) {
      for (const source of this.#sources) {
        const inDir = file === source.dir || (dirname(file) === source.dir && source.accepts(basename(file)));
        if (!inDir) continue;
        const entry = byPart.get(source.part) ?? { source, files: [] };
        if (!entry.files.includes(file)) entry.files.push(file);
        byPart.set(source.part, entry);
      }
    }
    for (const { source, files: changed } of byPart.values()) this.#run(source, changed);
  }

  #run(source: ReloadSource, files: string[]): void {
    const file = files[0];
    this.#count++;
    try {
      source.reload(files);
      this.#last = { ok: true, part: source.part, file, at: new Date().toISOString() };
      this.logger.info(`reloaded ${source.part} (${files.map((f) => basename(f)).join(', ')})`);
    } catch (error) {
      const message = (error as Error).message.replace(/^\[mockchat\] /, '');
      const detail = message.includes(source.dir) ? message : `${file}: ${message}`;
      this.#last = { ok: false, part: source.part, file, error: detail, at: new Date().toISOString() };
      this.logger.error(`reload failed: ${detail}`);
    }
  }
}
