import type { ValidateFunction } from 'ajv';
import { newAjv2020, type Ajv2020 } from './lazy-ajv.js';
import type { OpenApiDocument } from './load-spec.js';

export type RequestPart = 'body' | 'query';

/**
 * Validates request bodies and query strings against the OpenAPI document with ajv, set up
 * as Rocket.Chat sets up its own (coerceTypes, first error only), so messages match the
 * real server's: `must have required property 'pass'`. Validators compile on first use.
 */
export class RequestValidator {
  #ajv?: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction | null>();

  constructor(private readonly spec: OpenApiDocument) {}

  // Made on the first validation, not at start-up. The OpenAPI document is added without
  // checking it against the JSON Schema meta-schema (it is not a JSON Schema, and compiling
  // the meta-schema cost ~80 ms of start-up); each operation's schema is compiled when used.
  get #compiler(): Ajv2020 {
    if (!this.#ajv) {
      this.#ajv = newAjv2020({ coerceTypes: true, allowUnionTypes: true, strict: false, validateFormats: false, validateSchema: false });
      this.#ajv.addSchema({ ...this.spec, $id: 'mockchat:spec' } as object);
    }
    return this.#ajv;
  }

  /**
   * Compile the validator of every operation's body and query schema now, so a broken schema
   * (a dangling `$ref`, an invalid keyword) throws here rather than on some later request.
   */
  compileAll(): this {
    for (const [path, item] of Object.entries(this.spec.paths)) {
      for (const method of Object.keys(item ?? {})) {
        for (const part of ['body', 'query'] as const) this.#validator(method.toLowerCase(), path, part);
      }
    }
    return this;
  }

  /** The ajv message(s) for an invalid request part, or undefined when it is valid (or has no schema). */
  validate(method: string, path: string, part: RequestPart, data: unknown): string | undefined {
    const validator = this.#validator(method.toLowerCase(), path, part);
    if (!validator || validator(data)) return undefined;
    return (validator.errors ?? []).map((e) => (e.message ?? 'is invalid').replace(/^must be (\w+),null$/, 'must be $1')).join('\n ');
  }

  #validator(method: string, path: string, part: RequestPart): ValidateFunction | null {
    const key = `${method} ${path} ${part}`;
    let fn = this.#cache.get(key);
    if (fn === undefined) {
      fn = this.#compile(method, path, part);
      this.#cache.set(key, fn);
    }
    return fn;
  }

  #compile(method: string, path: string, part: RequestPart): ValidateFunction | null {
    const op = this.spec.paths[path]?.[method];
    if (!op) return null;
    const pointer = `mockchat:spec#/paths/${escape(path)}/${method}`;
    if (part === 'body') {
      return op.requestBody?.content?.['application/json']?.schema ? this.#compiler.compile({ $ref: `${pointer}/requestBody/content/application~1json/schema` }) : null;
    }
    return op['x-query-schema'] ? this.#compiler.compile({ $ref: `${pointer}/x-query-schema` }) : null;
  }
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
