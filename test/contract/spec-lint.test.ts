import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { exampleFailures } from './spec-examples.js';

const SPECS = 'specs';
const files = readdirSync(SPECS).filter((f) => /\.(ya?ml|json)$/.test(f));
const load = (file: string) => yaml.load(readFileSync(join(SPECS, file), 'utf8')) as Record<string, unknown>;
/** REST surfaces are OpenAPI; other files (the DDP method contract) only have to parse. */
const isOpenApi = (file: string) => /\.(rest|admin)\.(ya?ml|json)$/.test(file) || 'openapi' in load(file);

/**
 * Every file in specs/ parses; every OpenAPI document is valid OpenAPI 3.1; every example in
 * every file validates against its schema (ajv 2020, formats not checked).
 */
describe('specs/ lint', () => {
  it('finds the specs', () => {
    expect(files).toEqual(expect.arrayContaining(['rocketchat.rest.yaml', 'selfcommunity.rest.yaml', 'mockchat.admin.yaml']));
  });

  describe.each(files)('%s', (file) => {
    it('parses to an object', () => {
      expect(load(file)).toBeTypeOf('object');
    });

    it.runIf(isOpenApi(file))('is valid OpenAPI 3.1', async () => {
      const doc = load(file);
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    });

    it('every example validates against its schema', () => {
      const { checked, failures } = exampleFailures(load(file));
      expect(failures).toEqual([]);
      if (isOpenApi(file)) expect(checked).toBeGreaterThan(0); // REST documents carry examples
    });
  });

  it('the example check catches a wrong example of each kind', () => {
    const doc = {
      components: {
        schemas: { Id: { type: 'string', minLength: 3, example: 'ab' } },
        examples: { Bad: { value: { id: 7 } } },
      },
      paths: {
        '/x': {
          get: {
            parameters: [{ name: 'n', in: 'query', schema: { type: 'integer' }, example: 'ten' }],
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: { type: 'object', required: ['id'], properties: { id: { $ref: '#/components/schemas/Id' } } },
                    example: { id: 'abc' },
                    examples: { Inline: { value: {} }, Referenced: { $ref: '#/components/examples/Bad' } },
                  },
                },
              },
            },
          },
        },
      },
    };
    const { checked, failures } = exampleFailures(doc);
    expect(checked).toBe(5);
    expect(failures.map((f) => f.replace(/:.*/, ''))).toEqual([
      '/components/schemas/Id/example',
      '/paths/~1x/get/parameters/0/example',
      '/paths/~1x/get/responses/200/content/application~1json/examples/Inline',
      '/paths/~1x/get/responses/200/content/application~1json/examples/Referenced',
    ]);
  });
});
