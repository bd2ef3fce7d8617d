import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { load as parse } from 'js-yaml';
import { MockchatConfigError } from '../errors.js';
import { lazy, newAjv2020 } from '../spec/lazy-ajv.js';
import type { Scenario } from './scenario.js';

/**
 * Read every `*.yaml` scenario in the given directories (later directories replace earlier
 * ones by name). Each file is checked against `scenarios/scenario.schema.json`; a bad file
 * fails with its name, the field and what was expected.
 */
export function loadScenarios(dirs: readonly string[], schemaFile: string, check: ScenarioCheck = scenarioValidator(schemaFile)): Map<string, Scenario> {
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

/** Returns the value typed as a Scenario, or throws `<label>: <field> <what was expected>`. */
export type ScenarioCheck = (value: unknown, label: string) => Scenario;

/**
 * For the packaged scenarios only: the test suite validates every shipped file against the
 * schema (src/scenarios/scenarios.test.ts), so start-up does not compile the schema for them.
 * Files from `--scenarios` and scenario values from the API are always checked.
 */
export const shippedScenario: ScenarioCheck = (value) => value as Scenario;

/**
 * A checker for scenario values against the JSON Schema, compiled on its first use. The
 * schema itself is not checked against the 2020-12 meta-schema at run time: compiling the
 * meta-schema cost ~150 ms of start-up, and the packaged schema is checked by the test suite.
 */
export function scenarioValidator(schemaFile: string): ScenarioCheck {
  const compiled = lazy(() => newAjv2020({ allErrors: false, strict: false, validateSchema: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object));
  return (value, label) => {
    const validate = compiled();
    if (!validate(value)) {
      const e = validate.errors![0];
      const field = e.instancePath || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
      throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', `${label}: ${field} ${e.message}${extra}`);
    }
    return value as Scenario;
  };
}
