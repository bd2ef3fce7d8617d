import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { SC_ERRORS } from '../../src/index.js';
import { SELFCOMMUNITY_ROUTES } from '../../src/selfcommunity/rest/routes.js';

const Ajv2020 = Ajv2020Module.default;
type Json = Record<string, any>;
const spec = parse(readFileSync('specs/selfcommunity.rest.yaml', 'utf8')) as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) } });
ajv.addSchema({ ...spec, $id: 'sc' });
const ref = (...parts: string[]) => `sc#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

function examples(): Array<[string, string, unknown]> {
  const out: Array<[string, string, unknown]> = [];
  const media = (where: string[], content: Json | undefined) => {
    for (const [type, m] of Object.entries(content ?? {}) as Array<[string, Json]>) if (m.schema && 'example' in m) out.push([where.join(' '), ref(...where, 'content', type, 'schema'), m.example]);
  };
  for (const [name, r] of Object.entries(spec.components.responses) as Array<[string, Json]>) media(['components', 'responses', name], r.content);
  for (const [path, item] of Object.entries(spec.paths) as Array<[string, Json]>) {
    for (const [method, op] of Object.entries(item) as Array<[string, Json]>) {
      if (op.requestBody) media(['paths', path, method, 'requestBody'], op.requestBody.content);
      for (const [status, r] of Object.entries(op.responses) as Array<[string, Json]>) if (!r.$ref) media(['paths', path, method, 'responses', status], r.content);
      for (const [i, p] of (op.parameters ?? []).entries()) if ('example' in p) out.push([`${method} ${path} ${p.name}`, ref('paths', path, method, 'parameters', String(i), 'schema'), p.example]);
    }
  }
  return out;
}

describe('specs/selfcommunity.rest.yaml', () => {
  it.each(examples())('example validates: %s', (_where, schema, value) => {
    const check = ajv.getSchema(schema) ?? ajv.compile({ $ref: schema });
    expect(check(value) ? [] : check.errors).toEqual([]);
  });

  it('documents exactly the emulated routes', () => {
    const documented = Object.entries(spec.paths as Json).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(SELFCOMMUNITY_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('docs/selfcommunity.md lists every error of the registry', () => {
    const doc = readFileSync('docs/selfcommunity.md', 'utf8');
    const rows = doc.split('\n').filter((line) => line.startsWith('| `'));
    for (const [name, e] of Object.entries(SC_ERRORS)) {
      expect(doc).toContain(`\`${name}\``);
      expect(doc).toContain(e.code);
      // The registry row itself: status, kind, code and message of this entry, not just somewhere in the page.
      expect(rows).toContain(`| \`${name}\` | ${e.status} | ${e.kind} | \`${e.code}\` | ${e.message || '(no description)'} |`);
    }
  });
});
