import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { load as parse } from 'js-yaml';
import { MockchatConfigError } from '../errors.js';
import type { Scenario } from './scenario.js';

const Ajv2020 = Ajv2020Module.default;

/**
 * Read every `*.yaml` scenario in the given directories (later directories replace earlier
 * ones by name). Each file is checked against `scenarios/scenario.schema.json`; a bad file
 * fails with its name, the field and what was expected.
 */
export function loadScenarios(dirs: readonly string[], schemaFile: string): Map<string, Scenario> {
  const check = scenarioValidator(schemaFile);
  const scenarios = new Map<string, Scenario>();
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
    } catch (error) {
      throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', `Cannot read scenarios directory ${dir}: ${(error as Error).message}`);
    }
    for (const file of files) {
      const path = join(dir, file);
      const fail = (message: string) => {
        throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', `${path}: ${message}`);
      };
      let doc: unknown;
      try {
        doc = parse(readFileSync(path, 'utf8'));
      } catch (error) {
        fail(`not valid YAML (${(error as Error).message.split('\n')[0]})`);
      }
      const scenario = check(doc, path);
      const stem = basename(file).replace(/\.ya?ml$/, '');
      if (scenario.name !== stem) fail(`/name is "${scenario.name}" but must match the file name "${stem}"`);
      scenarios.set(scenario.name, scenario);
    }
  }
  return scenarios;
}

/**
 * A checker for scenario values against the JSON Schema: returns the value typed, or throws
 * `<label>: <field> <what was expected>`.
 */
export function scenarioValidator(schemaFile: string): (value: unknown, label: string) => Scenario {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  return (value, label) => {
    if (!validate(value)) {
      const e = validate.errors![0];
      const field = e.instancePath || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
      throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', `${label}: ${field} ${e.message}${extra}`);
    }
    return value as Scenario;
  };
}
