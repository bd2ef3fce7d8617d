import type { SettingValue } from '../rocketchat/settings.js';
import type { CommunityLayer } from '../selfcommunity/community.js';

/** A fault injected into matching REST routes and/or DDP methods. */
export interface Fault {
  /** REST path (`/api/v1/users.register`) or `*`; omitted: REST is not affected. */
  route?: string;
  /** DDP method name or `*` (also matched through `method.call`); omitted: methods are not affected. */
  method?: string;
  /** Chance (0–1) that the fault applies to one matching call. Default 1. */
  probability?: number;
  /** Delay before answering, fixed or random within bounds. */
  latency?: number | { min: number; max: number };
  /** Answer REST calls with this status and `body` instead of running them. */
  status?: number;
  body?: unknown;
  /** Close the connection without answering. */
  drop?: boolean;
  /** DDP: run the method but never send `result`. */
  withholdResult?: boolean;
  /** DDP: leave pings unanswered. */
  ignorePings?: boolean;
}

/** A request that produces one of a scenario's errors, with the exact answer. */
export interface Trigger {
  api: 'rest' | 'ddp' | 'method.callAnon';
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/**
 * A scenario: plain data layered over the workspace. Loading YAML, a CLI flag, a header,
 * an admin call and `mock.useScenario({...})` all produce this same value.
 */
export interface Scenario {
  name: string;
  description: string;
  settings?: Record<string, SettingValue>;
  permissions?: Record<string, string[]>;
  rateLimits?: boolean;
  /** SelfCommunity rules: dynamic preferences, features, custom user metadata definitions. */
  selfcommunity?: CommunityLayer;
  faults?: Fault[];
  triggers?: Trigger[];
}

/**
 * Compose scenarios in order: later ones win on settings, permissions, rate limits and each
 * SelfCommunity preference, feature and metadata field; faults add up (later first).
 */
export function composeScenarios(list: readonly Scenario[]): Scenario {
  const out: Scenario = { name: list.map((s) => s.name).join(','), description: list.map((s) => s.description).join(' + '), settings: {}, permissions: {}, faults: [] };
  for (const s of list) {
    Object.assign(out.settings!, s.settings);
    Object.assign(out.permissions!, s.permissions);
    if (s.rateLimits !== undefined) out.rateLimits = s.rateLimits;
    if (s.selfcommunity) {
      const sc = (out.selfcommunity ??= {});
      for (const key of ['preferences', 'features', 'metadata'] as const) {
        if (s.selfcommunity[key]) sc[key] = { ...sc[key], ...s.selfcommunity[key] } as never;
      }
    }
    out.faults = [...(s.faults ?? []), ...out.faults!];
  }
  return out;
}

/** The faults that apply to one REST route or DDP method call. */
export function faultsFor(scenario: Scenario | undefined, target: { route?: string; method?: string }): Fault[] {
  if (!scenario?.faults?.length) return [];
  return scenario.faults.filter(
    (f) => (target.route !== undefined && f.route !== undefined && (f.route === '*' || f.route === target.route)) || (target.method !== undefined && f.method !== undefined && (f.method === '*' || f.method === target.method)),
  );
}
