import { readFileSync } from 'node:fs';
import { MockchatConfigError } from '../errors.js';
import { parseYamlCached as parse } from './yaml-cache.js';

export interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: object }>;
  requestBody?: { content?: Record<string, { schema?: object }> };
  /** mockchat extension: the full JSON Schema of the query string (Rocket.Chat's ajv schema). */
  'x-query-schema'?: object;
  [key: string]: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Read an OpenAPI document (YAML or JSON); a broken file is a clear start-up error. */
export function loadSpec(file: string): OpenApiDocument {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MockchatConfigError('MOCKCHAT_ERR_SPEC', `Cannot read spec ${file}: ${(error as Error).message}`);
  }
  const d = doc as OpenApiDocument;
  if (!d || typeof d !== 'object' || typeof d.openapi !== 'string' || typeof d.paths !== 'object') {
    throw new MockchatConfigError('MOCKCHAT_ERR_SPEC', `${file} is not an OpenAPI document (expected "openapi" and "paths")`);
  }
  return d;
}
