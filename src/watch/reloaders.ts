import type { Tenants } from '../admin/tenants.js';
import { MockchatConfigError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { readSeedFile } from '../rocketchat/seed.js';
import { applyRuleChanges, applyRuleChangesToState, ruleChanges, seedRules, type SeedRules } from '../rocketchat/seed-rules.js';
import type { WorkspaceState } from '../rocketchat/workspace.js';
import { loadScenarios, type ScenarioCheck } from '../scenarios/load-scenarios.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { CommunityState } from '../selfcommunity/community.js';
import { readScSeedFile } from '../selfcommunity/seed.js';
import { checkSpecFile, loadSpecSet, type SpecSet } from '../spec/spec-set.js';
import type { Reloaders } from './sources.js';

/**
 * What a running server derives from its files, held in one place so a hot reload can swap
 * each part: the spec set (read through `live.specs` by the server, the REST adapter's
 * request validation and the DDP contract), the scenario catalogue, the seed's
 * rules, and the seeded states that reset and new sandboxes start from.
 */
export interface LiveParts {
  specs: SpecSet;
  known: Map<string, Scenario>;
  rules: SeedRules;
  readonly initial: WorkspaceState;
  readonly initialCommunity: CommunityState;
  readonly scenarioDirs: readonly string[];
  readonly scenarioSchema: string;
  readonly checkScenario: ScenarioCheck;
}

/**
 * The hot-reload functions over `live` and every tenant: each rebuilds its part completely, then swaps it in;
 * a throw (an invalid edit) changes nothing.
 */
export function reloaders(o: ResolvedOptions, live: LiveParts, tenants: Tenants): Reloaders {
  const allTenants = () => [tenants.main, ...tenants.list()];
  return {
    /** Everything derived from specs/: add new spec-derived parts here. */
    specs: (files) => {
      for (const file of files) checkSpecFile(file);
      const next = loadSpecSet(o.specsDir, { compile: true });
      live.specs = next;
    },
    scenarios: () => {
      const next = loadScenarios(live.scenarioDirs, live.scenarioSchema, live.checkScenario);
      const missing = [...new Set(allTenants().flatMap((t) => t.scenarios.missingFrom(next)))];
      if (missing.length > 0) throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', `active scenario "${missing.join('", "')}" is gone; kept the previous scenarios`);
      for (const t of allTenants()) t.scenarios.replaceCatalogue(next);
      live.known = next;
    },
    seed: () => {
      const next = seedRules(readSeedFile(o.seedFile), o.settings);
      const changes = ruleChanges(live.rules, next);
      for (const t of allTenants()) applyRuleChanges(t.workspace, changes);
      applyRuleChangesToState(live.initial, changes);
      live.rules = next;
    },
    selfcommunitySeed: () => {
      const { preferences, features, metadata } = readScSeedFile(o.selfcommunitySeedFile);
      const next = { preferences: { ...preferences }, features: { ...features }, metadata: { ...metadata } };
      for (const t of allTenants()) t.community.base = structuredClone(next);
      live.initialCommunity.rules = next;
    },
  };
}
