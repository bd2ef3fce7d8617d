import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** One directory to watch and which of its files matter. */
export interface WatchedDir {
  dir: string;
  /** Whether a changed file name matters (editors also write swap and backup files). */
  accepts(name: string): boolean;
}

/**
 * Watch directories, not files: editors save by writing a new file and renaming it over the
 * old one, which ends an inode watch. Changes are debounced: `onChange` gets the files that
 * changed once none has changed for `debounceMs`. `close()` stops every watcher.
 */
export function watchDirs(dirs: readonly WatchedDir[], onChange: (files: string[]) => void, onError: (error: Error) => void, debounceMs = 100): { close(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending];
    pending.clear();
    onChange(files);
  };
  const watchers: FSWatcher[] = dirs.map(({ dir, accepts }) => {
    const watcher = watch(dir, { persistent: false }, (_event, name) => {
      const file = name?.toString();
      if (file !== undefined && !accepts(file)) return;
      pending.add(file === undefined ? dir : join(dir, file));
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    watcher.on('error', onError);
    return watcher;
  });
  return {
    close() {
      clearTimeout(timer);
      pending.clear();
      for (const w of watchers) w.close();
    },
  };
}
