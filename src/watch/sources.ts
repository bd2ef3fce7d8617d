import { basename, dirname } from 'node:path';
import type { ResolvedOptions } from '../options.js';
import type { ReloadSource } from './hot-reload.js';

/** How to rebuild each part; each throws, changing nothing, when the new version is invalid. */
export interface Reloaders {
  specs(files: string[]): void;
  scenarios(): void;
  seed(): void;
  selfcommunitySeed(): void;
}

const DATA_FILE = /^[^.~#].*\.(ya?ml|json)$/;
const dataFile = (name: string) => DATA_FILE.test(name);
const exactly = (file: string) => (name: string) => name === basename(file);

/**
 * What `--watch` watches: the specs directory, the packaged and `--scenarios` directories
 * (YAML and JSON files only: editors' swap and backup files are ignored) and each seed file
 * (through its directory, as editors replace files by renaming).
 */
export function reloadSources(o: ResolvedOptions, reload: Reloaders): ReloadSource[] {
  return [
    { part: 'specs', dir: o.specsDir, accepts: dataFile, reload: (files) => reload.specs(files) },
    ...[o.packagedScenariosDir, ...(o.scenariosDir ? [o.scenariosDir] : [])].map(
      (dir): ReloadSource => ({ part: 'scenarios', dir, accepts: dataFile, reload: () => reload.scenarios() }),
    ),
    { part: 'seed', dir: dirname(o.seedFile), accepts: exactly(o.seedFile), reload: () => reload.seed() },
    { part: 'selfcommunity-seed', dir: dirname(o.selfcommunitySeedFile), accepts: exactly(o.selfcommunitySeedFile), reload: () => reload.selfcommunitySeed() },
  ];
}
