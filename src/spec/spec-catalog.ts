import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MockchatConfigError } from '../errors.js';
import { Router } from '../http/router.js';
import { loadSpec } from './load-spec.js';

/** One operation of one OpenAPI document in the specs directory. */
export interface SpecOperation {
  /** Upper-case HTTP method. */
  method: string;
  /** OpenAPI path template, e.g. `/api/v1/users.forgotPassword`. */
  path: string;
  /** File name inside the specs directory, e.g. `rocketchat.rest.yaml`. */
  file: string;
  operationId?: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SPEC_FILE = /\.(ya?ml|json)$/i;
/** The DDP contract is not an OpenAPI document. */
const NOT_OPENAPI = /\.ddp\.(ya?ml|json)$/i;

/** Whether a file name is an OpenAPI document of a specs directory (`*.yaml`, `*.yml`, `*.json` but `*.ddp.*`). */
export const isOpenApiFile = (name: string): boolean => SPEC_FILE.test(name) && !NOT_OPENAPI.test(name);

/** The OpenAPI documents of a specs directory: every `*.yaml`, `*.yml`, `*.json` but `*.ddp.*`. */
export function specFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new MockchatConfigError('MOCKCHAT_ERR_SPEC', `Cannot read the specs directory ${dir}: ${(error as Error).message}`);
  }
  return names.filter(isOpenApiFile).sort();
}

/**
 * Every operation of every OpenAPI document in a specs directory, as a method + path router.
 * The documents are parsed on first use (the first request no emulated route serves, or
 * `mockchat routes`), so start-up never pays for them. When two documents declare the same
 * operation, the first file in name order wins.
 */
export class SpecCatalog {
  #router?: Router<SpecOperation>;
  #operations: SpecOperation[] = [];

  constructor(readonly dir: string) {}

  /** The spec operation serving `method path` (a concrete path), if any. */
  match(method: string, path: string): SpecOperation | undefined {
    return this.#load().match(method.toUpperCase(), path)?.value;
  }

  /** Whether any operation, whatever its method, serves `path` (CORS preflights). */
  hasPath(path: string): boolean {
    return this.#load().hasPath(path);
  }

  /** Every operation, in file order then document order. */
  operations(): readonly SpecOperation[] {
    this.#load();
    return this.#operations;
  }

  #load(): Router<SpecOperation> {
    if (this.#router) return this.#router;
    // Built aside and kept only when every file loaded: a broken file leaves nothing half-added.
    const router = new Router<SpecOperation>();
    const operations: SpecOperation[] = [];
    const seen = new Set<string>();
    for (const file of specFiles(this.dir)) {
      const doc = loadSpec(join(this.dir, file));
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const method of HTTP_METHODS) {
          const op = item?.[method];
          if (!op) continue;
          const key = `${method} ${path}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const operation: SpecOperation = { method: method.toUpperCase(), path, file, ...(op.operationId && { operationId: op.operationId }) };
          operations.push(operation);
          router.add(operation.method, path, operation);
        }
      }
    }
    this.#operations = operations;
    this.#router = router;
    return router;
  }
}
