// Build step: parse the packaged specs/*.yaml once and store them as JSON in
// dist/spec-cache/<sha256 of the text>.json, which src/spec/yaml-cache.ts reads instead of
// parsing YAML at every start. A document is cached only if a JSON round trip leaves it
// unchanged (no YAML dates, no non-finite numbers), so the cache never changes a value.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import { SPEC_CACHE_DIR, yamlKey } from '../dist/spec/yaml-cache.js';

const specs = new URL('../specs/', import.meta.url);
rmSync(SPEC_CACHE_DIR, { recursive: true, force: true });
mkdirSync(SPEC_CACHE_DIR, { recursive: true });
for (const name of readdirSync(specs).filter((n) => /\.ya?ml$/.test(n))) {
  const text = readFileSync(new URL(name, specs), 'utf8');
  const doc = load(text);
  const json = JSON.stringify(doc);
  if (!isDeepStrictEqual(JSON.parse(json), doc)) {
    process.stderr.write(`cache-specs: ${name} does not survive JSON; not cached\n`);
    continue;
  }
  writeFileSync(new URL(`${yamlKey(text)}.json`, SPEC_CACHE_DIR), json);
}
