import { requireCjs as require } from '../require-cjs.js';
import type Ajv2020Module from 'ajv/dist/2020.js';
import type { Options } from 'ajv';

/** The ajv class for JSON Schema 2020-12 (what Rocket.Chat's own validators use). */
export type Ajv2020 = InstanceType<typeof Ajv2020Module.default>;

/**
 * A new ajv (2020-12) instance, loading ajv on first call. ajv is CommonJS and takes ~50 ms
 * to load; start-up needs no validator, so the first validation pays for it instead. Callers
 * also pass `validateSchema: false` for schemas mockchat ships (the test suite checks those
 * against the meta-schema once; compiling the meta-schema at run time cost ~80–150 ms).
 */
export function newAjv2020(options: Options): Ajv2020 {
  const { default: Ajv } = require('ajv/dist/2020.js') as typeof Ajv2020Module;
  return new Ajv(options);
}

/** A value made by `make` on first use and kept. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
