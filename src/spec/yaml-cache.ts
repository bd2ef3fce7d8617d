import { existsSync, readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { sha256 } from '../store/sha256.js';

/**
 * Where `npm run build` (scripts/cache-specs.mjs) puts the packaged specs already parsed:
 * `dist/spec-cache/<sha256 of the YAML text>.json`. Parsing the 80 kB REST spec with js-yaml
 * took ~20 ms of every start; reading its JSON takes ~1 ms.
 */
export const SPEC_CACHE_DIR = new URL('../spec-cache/', import.meta.url);

/** The cache key of a YAML text: its SHA-256, hex. */
export function yamlKey(text: string): string {
  return sha256(text, 'hex');
}

/**
 * `js-yaml`'s `load(text)`, or the same value from the build-time cache when one was made
 * from exactly this text. The cache only holds documents that survive a JSON round trip
 * unchanged (the build checks), so both paths give equal values. Parse errors still throw
 * from js-yaml: a text with an error never has a cache entry.
 */
export function parseYamlCached(text: string): unknown {
  const cached = new URL(`${yamlKey(text)}.json`, SPEC_CACHE_DIR);
  if (existsSync(cached)) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as unknown;
    } catch {
      // An unreadable cache entry is no entry.
    }
  }
  return parseYaml(text);
}
