import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MockchatConfigError } from '../errors.js';
import { DdpContract } from './ddp-contract.js';
import { loadSpec } from './load-spec.js';
import { PrismFallback } from './prism-fallback.js';
import { RequestValidator } from './request-validator.js';
import { isOpenApiFile, SpecCatalog } from './spec-catalog.js';

/** The spec file the Rocket.Chat REST adapter validates requests against. */
export const ROCKETCHAT_REST_SPEC = 'rocketchat.rest.yaml';
/** The DDP method contract (params and result schemas); not an OpenAPI document. */
export const ROCKETCHAT_DDP_SPEC = 'rocketchat.ddp.yaml';

/**
 * Everything mockchat derives from `specs/` at run time, built completely before use: a
 * hot reload swaps a whole new set in, or keeps the old one when building it fails.
 */
export interface SpecSet {
  /** Request validation for the Rocket.Chat REST adapter (`rocketchat.rest.yaml`); compiled up front with `compile`, else on first use. */
  readonly validator: RequestValidator;
  /** `rocketchat.ddp.yaml`: DDP params are checked against it. */
  readonly ddp: DdpContract;
  /** Every OpenAPI document's operations, for routes no emulated product serves. */
  readonly catalog: SpecCatalog;
  /** Prism's mocker over those documents, loaded on its first use. */
  readonly fallback: PrismFallback;
}

/**
 * Read the specs in `specsDir`. Throws `MOCKCHAT_ERR_SPEC` naming the file when a document is
 * unreadable or, with `compile` (a hot reload: fail now rather than on a later request), one of
 * its request schemas does not compile. At start-up validators compile on first use.
 */
export function loadSpecSet(specsDir: string, { compile = false } = {}): SpecSet {
  const file = join(specsDir, ROCKETCHAT_REST_SPEC);
  const rocketchat = loadSpec(file);
  const ddp = DdpContract.load(join(specsDir, ROCKETCHAT_DDP_SPEC));
  try {
    const validator = new RequestValidator(rocketchat);
    if (compile) validator.compileAll();
    return { validator, ddp, catalog: new SpecCatalog(specsDir), fallback: new PrismFallback(specsDir) };
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
  const name = basename(file);
  if (name !== ROCKETCHAT_REST_SPEC && isOpenApiFile(name) && existsSync(file)) loadSpec(file);
}
