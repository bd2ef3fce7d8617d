import { existsSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { MockchatConfigError } from '../errors.js';
import { newAjv2020, type Ajv2020 } from './lazy-ajv.js';
import { parseYamlCached as parse } from './yaml-cache.js';

const quietUnicode = (...args: unknown[]) => {
  if (!String(args[0]).includes('option unicode')) console.warn(...args);
};

/** One method of `specs/rocketchat.ddp.yaml` (the format is documented at the top of that file). */
export interface DdpMethodContract {
  check?: string;
  /** JSON Schema of the params array: exactly what the method's `check()` calls accept. */
  params: object | boolean;
  /** When all these settings hold and the params match, the method does not reach its `check()`. */
  skipCheckWhen?: { settings: Record<string, unknown>; params: object };
  /** JSON Schema of a successful result; `false`: the method returns nothing. */
  result: object | boolean;
}

interface ContractFile {
  'mockchat-ddp-contract': number;
  $defs?: Record<string, unknown>;
  methods: Record<string, DdpMethodContract>;
}

/**
 * The DDP method contract: params and result JSON Schemas per method, compiled with ajv on
 * first use. The DDP adapter rejects params that fail `params` with Meteor's `Match failed`;
 * tests validate results against `result`. A missing file is an empty contract.
 */
export class DdpContract {
  #ajv?: Ajv2020;
  /** Compiled validators by method name, then by part (`params`, `result`, …). */
  readonly #compiled = new Map<string, Map<string, ValidateFunction>>();

  constructor(private readonly file: ContractFile) {}

  /** Read a contract file; a missing file gives an empty contract, a broken one a clear error. */
  static load(path: string): DdpContract {
    if (!existsSync(path)) return new DdpContract({ 'mockchat-ddp-contract': 1, methods: {} });
    let doc: unknown;
    try {
      doc = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new MockchatConfigError('MOCKCHAT_ERR_SPEC', `Cannot read the DDP contract ${path}: ${(error as Error).message}`);
    }
    const d = doc as ContractFile | undefined;
    if (!d || d['mockchat-ddp-contract'] !== 1 || typeof d.methods !== 'object' || d.methods === null) {
      throw new MockchatConfigError('MOCKCHAT_ERR_SPEC', `${path} is not a DDP contract (expected "mockchat-ddp-contract: 1" and "methods")`);
    }
    return new DdpContract(d);
  }

  /** Methods the contract describes. */
  methods(): string[] {
    return Object.keys(this.file.methods);
  }

  method(name: string): DdpMethodContract | undefined {
    return Object.hasOwn(this.file.methods, name) ? this.file.methods[name] : undefined;
  }

  /**
   * Why `params` fail the method's `check()` (ajv's first message), or undefined when they pass,
   * the method has no contract, or `settings` say the check is skipped.
   */
  paramsProblem(name: string, params: unknown[], settings: SettingReader): string | undefined {
    const contract = this.method(name);
    if (!contract) return undefined;
    const skip = contract.skipCheckWhen;
    if (skip && settingsMatch(skip.settings, settings) && this.#validator(name, 'skipCheckWhen/params')(params)) {
      return undefined;
    }
    return this.#problem(this.#validator(name, 'params'), params);
  }

  /** Why a `result` frame does not match the method's `result` schema, or undefined when it does. */
  resultProblem(name: string, frame: { result?: unknown }): string | undefined {
    const contract = this.method(name);
    if (!contract) return `no contract for method ${name}`;
    if (contract.result === false) return 'result' in frame ? `${name} returns nothing, but the frame has a result` : undefined;
    return this.#problem(this.#validator(name, 'result'), frame.result);
  }

  #validator(name: string, part: string): ValidateFunction {
    let parts = this.#compiled.get(name);
    if (!parts) this.#compiled.set(name, (parts = new Map()));
    let fn = parts.get(part);
    if (!fn) {
      fn = this.#compiler().compile({ $ref: `mockchat:ddp#/methods/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/${part}` });
      parts.set(part, fn);
    }
    return fn;
  }

  /** ajv, set up on the first DDP call (not at start-up: compiling the meta-schema costs tens of ms). */
  #compiler(): Ajv2020 {
    if (!this.#ajv) {
      // `unicode: false`: lengths in UTF-16 code units, as Meteor's checks count them (ajv calls the option deprecated but honours it).
      this.#ajv = newAjv2020({ strict: false, unicode: false, validateFormats: false, logger: { log() {}, warn: quietUnicode, error: console.error } });
      this.#ajv.addSchema({ $id: 'mockchat:ddp', $defs: this.file.$defs ?? {}, methods: this.file.methods } as object);
    }
    return this.#ajv;
  }

  #problem(validate: ValidateFunction, data: unknown): string | undefined {
    if (validate(data)) return undefined;
    const [first] = validate.errors ?? [];
    return first ? `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}` : 'is invalid';
  }
}

/** Reads a setting's value (the workspace's `Settings`, passed as is: no closure per call). */
export interface SettingReader {
  get(id: string): unknown;
}

/** Whether every setting in `expected` has that value (no entries array: this runs on every call). */
function settingsMatch(expected: Record<string, unknown>, settings: SettingReader): boolean {
  for (const id in expected) if (settings.get(id) !== expected[id]) return false;
  return true;
}
