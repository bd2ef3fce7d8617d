import { readFileSync } from 'node:fs';
import { MockchatConfigError } from '../errors.js';

/**
 * Read a seed file (an object, with an optional `users` array); a missing or broken file is a
 * clear start-up error naming it.
 */
export function readSeedJson<T extends { users?: unknown }>(file: string, label: string): T {
  try {
    const seed = JSON.parse(readFileSync(file, 'utf8')) as T;
    if (!seed || typeof seed !== 'object' || (seed.users !== undefined && !Array.isArray(seed.users))) {
      throw new Error('expected an object with a "users" array');
    }
    return seed;
  } catch (error) {
    throw new MockchatConfigError('MOCKCHAT_ERR_SEED', `Cannot load ${label} ${file}: ${(error as Error).message}`);
  }
}
