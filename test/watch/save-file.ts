import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Write as an editor saves: a hidden temporary file renamed over the real one. */
export function save(file: string, text: string): void {
  const temp = join(file, '..', `.${Date.now()}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}
