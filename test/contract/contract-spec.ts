import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Doc = { security?: unknown; paths?: Record<string, Record<string, { security?: unknown }>> } & Record<string, unknown>;

/** Load a YAML or JSON spec as a plain object. */
export async function loadSpec(file: string): Promise<Doc> {
  return yaml.load(await readFile(file, 'utf8')) as Doc;
}

/**
 * The document Prism proxies with: the spec without its `security` requirements. Prism's CLI
 * always checks security (even with `--validate-request=false`) and, with `--errors`, answers a
 * request without credentials itself, so mockchat's own 401 would never be checked. Security is
 * a request concern; the responses, which the contract run checks, are left as they are.
 */
export function forContractRun(doc: Doc): Doc {
  const copy = structuredClone(doc);
  delete copy.security;
  for (const item of Object.values(copy.paths ?? {})) {
    for (const method of METHODS) delete item[method]?.security;
  }
  return copy;
}

/** Write `forContractRun(spec)` (after an optional `edit`) into `dir`; returns the new file. */
export async function writeContractSpec(file: string, dir: string, edit?: (doc: Doc) => void): Promise<string> {
  const doc = forContractRun(await loadSpec(file));
  edit?.(doc);
  await mkdir(dir, { recursive: true });
  const out = join(dir, basename(file).replace(/\.ya?ml$/, '.json'));
  await writeFile(out, JSON.stringify(doc, null, 2));
  return out;
}
