import { join } from 'node:path';
import type { SpecOperation } from './spec-catalog.js';

/** A request for an operation mockchat does not emulate, already read and parsed. */
export interface FallbackRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

/** What Prism answered, ready to write: the body is already serialized. */
export interface FallbackResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** Prism's mock preferences, from `Prefer: code=400, example=name, dynamic=true` (or `?__code=` …). */
interface Preferences {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
}

type PrismModule = typeof import('@stoplight/prism-http');
type Operations = Awaited<ReturnType<PrismModule['getHttpOperationsFromSpec']>>;

/** Prism's components want a pino-like logger; mockchat logs fallback calls itself (journal, debug log). */
const quiet = { child: () => quiet, trace() {}, debug() {}, info() {}, success() {}, warn() {}, error() {}, fatal() {} };

const BASE_CONFIG = { validateRequest: true, validateResponse: false, checkSecurity: true, errors: false, upstreamProxy: undefined, isProxy: false } as const;

/**
 * Serves operations mockchat does not emulate from their OpenAPI document with Prism's HTTP
 * mocker, in-process: static examples by default, `Prefer: code=…, example=…, dynamic=…`
 * honoured, requests validated (an invalid one gets the operation's 422/400 example, or
 * Prism's 422 problem). `@stoplight/prism-http` is imported on the first call only, so a
 * server that never falls back never loads it. This file is the only one that sees Prism's
 * fp-ts values.
 */
export class PrismFallback {
  #prism?: Promise<{ module: PrismModule; instance: ReturnType<PrismModule['createInstance']> }>;
  readonly #operations = new Map<string, Promise<Operations>>();

  constructor(private readonly specsDir: string) {}

  /** Answer `request` from the document that declares `operation`. */
  async respond(operation: SpecOperation, request: FallbackRequest): Promise<FallbackResponse> {
    const { module, instance } = await this.#load();
    const operations = await this.#operationsOf(module, operation.file);
    const preferences = preferencesOf(request);
    const input = {
      method: request.method.toLowerCase() as 'get',
      url: { path: request.path, query: request.query },
      headers: request.headers,
      body: request.body,
    };
    const result = await instance.request(input, operations, { ...BASE_CONFIG, mock: { dynamic: false, ...preferences } })();
    if (result._tag === 'Left') {
      const error = result.left as Error & { status?: number; additional?: { headers?: Record<string, string> } };
      const problem = module.ProblemJsonError.toProblemJson(error);
      return { status: error.status ?? 500, headers: { 'Content-Type': 'application/problem+json', ...error.additional?.headers }, body: JSON.stringify(problem) };
    }
    const { output, validations } = result.right;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(output.headers ?? {})) headers[name] = String(value);
    const violations = validations.input.map((v) => `request.${v.path?.join('.') ?? ''} ${v.message}`);
    if (violations.length) headers['sl-violations'] = JSON.stringify(violations).slice(0, 4000);
    const body = output.body === undefined ? undefined : typeof output.body === 'string' ? output.body : JSON.stringify(output.body);
    return { status: output.statusCode, headers, body };
  }

  #load() {
    this.#prism ??= import('@stoplight/prism-http').then((module) => ({
      module,
      instance: module.createInstance({ ...BASE_CONFIG, mock: { dynamic: false } }, { logger: quiet as never }),
    }));
    return this.#prism;
  }

  #operationsOf(module: PrismModule, file: string): Promise<Operations> {
    let ops = this.#operations.get(file);
    if (!ops) {
      ops = module.getHttpOperationsFromSpec(join(this.specsDir, file));
      this.#operations.set(file, ops);
    }
    return ops;
  }
}

/** Prism's preference sources: the `Prefer` header, else `__code`, `__example`, `__dynamic` query parameters. */
function preferencesOf(request: FallbackRequest): Preferences {
  const raw: Record<string, string | undefined> = {};
  const prefer = request.headers.prefer;
  if (prefer) {
    for (const part of prefer.split(/[,;]/)) {
      const [key, ...rest] = part.split('=');
      raw[key.trim().toLowerCase()] = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    }
  } else {
    const q = (name: string) => {
      const v = request.query[name];
      return Array.isArray(v) ? v[0] : v;
    };
    Object.assign(raw, { code: q('__code'), example: q('__example'), dynamic: q('__dynamic') });
  }
  const prefs: Preferences = {};
  if (raw.code && /^\d{3}$/.test(raw.code)) prefs.code = Number(raw.code);
  if (raw.example) prefs.exampleKey = raw.example;
  if (raw.dynamic === 'true' || raw.dynamic === 'false') prefs.dynamic = raw.dynamic === 'true';
  return prefs;
}
