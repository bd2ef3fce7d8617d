import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MockchatConfigError } from '../errors.js';
import { loadSpec, type OpenApiDocument } from './load-spec.js';
import { RequestValidator } from './request-validator.js';

/** The spec file the Rocket.Chat REST adapter validates requests against. */
export const ROCKETCHAT_REST_SPEC = 'rocketchat.rest.yaml';

/**
 * Everything mockchat derives from `specs/` at run time, built completely before use: a
 * hot reload swaps a whole new set in, or keeps the old one when building it fails.
 */
export interface SpecSet {
  /** `rocketchat.rest.yaml`. */
  readonly rocketchat: OpenApiDocument;
  /** Request validation for the Rocket.Chat REST adapter, every operation compiled. */
  readonly validator: RequestValidator;
}

/**
 * Read and compile the specs in `specsDir`. Throws `MOCKCHAT_ERR_SPEC` naming the file when a
 * document is unreadable or one of its request schemas does not compile.
 */
export function loadSpecSet(specsDir: string): SpecSet {
  const file = join(specsDir, ROCKETCHAT_REST_SPEC);
  const rocketchat = loadSpec(file);
  try {
    return { rocketchat, validator: new RequestValidator(rocketchat).compileAll() };
  } catch (error) {
    throw new MockchatConfigError('MOCKCHAT_ERR_SPEC', `${file}: ${(error as Error).message}`);
  }
}

/**
 * Check one changed spec file that the running set does not use (yet): it must still parse as
 * an OpenAPI document, so a broken edit is reported rather than silently ignored. A deleted one
 * is fine.
 */
export function checkSpecFile(file: string): void {
  if (basename(file) !== ROCKETCHAT_REST_SPEC && /\.(ya?ml|json)$/.test(file) && existsSync(file)) loadSpec(file);
}
