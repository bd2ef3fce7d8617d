import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecCatalog } from './spec-catalog.js';

const spec = (path: string) => `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  ${path}:\n    get:\n      operationId: op\n      responses: { '200': { description: ok } }\n`;

describe('SpecCatalog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds nothing from a directory with a broken file, and each operation once when it is mended', () => {
    writeFileSync(join(dir, 'a.yaml'), spec('/a'));
    writeFileSync(join(dir, 'b.yaml'), 'openapi: [broken');
    const catalog = new SpecCatalog(dir);
    expect(() => catalog.operations()).toThrow();
    expect(() => catalog.operations()).toThrow();
    writeFileSync(join(dir, 'b.yaml'), spec('/b'));
    expect(catalog.operations().map((o) => `${o.method} ${o.path}`)).toEqual(['GET /a', 'GET /b']);
    expect(catalog.match('GET', '/b')?.file).toBe('b.yaml');
  });
});
