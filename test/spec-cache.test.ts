import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
// The built module: the cache lives next to dist/ (npm test builds first).
import { parseYamlCached, SPEC_CACHE_DIR, yamlKey } from '../dist/spec/yaml-cache.js';

const specs = new URL('../specs/', import.meta.url);
const yamlFiles = readdirSync(specs).filter((n) => /\.ya?ml$/.test(n));

describe('build-time spec cache (dist/spec-cache)', () => {
  it.each(yamlFiles)('%s has a cache entry equal to what js-yaml parses', (name) => {
    const text = readFileSync(new URL(name, specs), 'utf8');
    expect(existsSync(new URL(`${yamlKey(text)}.json`, SPEC_CACHE_DIR))).toBe(true);
    expect(parseYamlCached(text)).toStrictEqual(load(text));
  });

  it('parses a text without a cache entry with js-yaml, errors included', () => {
    expect(parseYamlCached('a: 1\nb: [x, y]\n')).toStrictEqual({ a: 1, b: ['x', 'y'] });
    expect(() => parseYamlCached('a: [unclosed')).toThrow();
  });
});
