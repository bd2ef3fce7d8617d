import { MockchatConfigError } from '../errors.js';
import type { Workspace } from '../rocketchat/workspace.js';
import { Community } from '../selfcommunity/community.js';
import { composeScenarios, type Scenario } from './scenario.js';

/** A scenario by name, a scenario value, or a list of either (later ones win). */
export type ScenarioSpec = string | Scenario | ReadonlyArray<string | Scenario>;

const MAX_VIEWS = 256;

/** One tenant's state as a request or connection sees it: every product's state with the scenario laid over it. */
export interface ScopedState {
  /** The Rocket.Chat workspace. */
  ws: Workspace;
  /** The SelfCommunity state. */
  community: Community;
  scenario: Scenario;
}

/**
 * Which scenarios are active, as msw's handlers controller keeps handlers: the base set
 * (from `--scenario` or options) and the current set; `reset()` returns to the base.
 * The active set is laid over the workspace itself; a per-request or per-connection set
 * gets a view of the workspace composed over it, cached by its names. Each product's state
 * takes its part of the scenario: the workspace `settings`/`permissions`/`rateLimits`, the
 * community `selfcommunity`.
 */
export class ScenarioController {
  #known: Map<string, Scenario>;
  #base: Scenario[];
  #active: Scenario[];
  #composed: Scenario;
  #unscoped?: ScopedState;
  readonly #views = new Map<string, ScopedState>();

  constructor(
    private readonly ws: Workspace,
    known: Map<string, Scenario>,
    base: ScenarioSpec = [],
    /** Checks inline scenario values (the JSON Schema of scenario files). */
    private readonly check: (value: unknown, label: string) => Scenario = (v) => v as Scenario,
    /** The tenant's SelfCommunity state. */
    private readonly community: Community = new Community(),
  ) {
    this.#known = known;
    this.#base = this.resolve(base);
    this.#active = this.#base;
    this.#composed = this.#apply();
  }

  /** Every known scenario, by name. */
  list(): Scenario[] {
    return [...this.#known.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The names of the active scenarios, in order. */
  activeNames(): string[] {
    return this.#active.map((s) => s.name);
  }

  /** The active scenarios composed into one value. */
  active(): Scenario {
    return this.#composed;
  }

  /** Turn names and values into scenarios; an unknown name lists the known ones. */
  resolve(spec: ScenarioSpec): Scenario[] {
    const items = typeof spec === 'string' ? spec.split(',').map((s) => s.trim()).filter(Boolean) : Array.isArray(spec) ? spec : [spec as Scenario];
    return items.map((item) => {
      if (typeof item !== 'string') return this.check(item, `scenario "${(item as Scenario).name ?? 'inline'}"`);
      const found = this.#known.get(item);
      if (!found) {
        throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', `Unknown scenario "${item}". Known: ${[...this.#known.keys()].sort().join(', ')}.`);
      }
      return found;
    });
  }

  /** Make `spec` the active set (replacing the current one). Open connections see it at once. */
  use(spec: ScenarioSpec): Scenario {
    this.#active = this.resolve(spec);
    this.#composed = this.#apply();
    return this.#composed;
  }

  /** Back to the base set. */
  reset(): Scenario {
    this.#active = this.#base;
    this.#composed = this.#apply();
    return this.#composed;
  }

  /**
   * Names of the base and active scenarios that came from the catalogue but are missing from
   * `next` (a reload would leave them without a definition). Inline values are not counted.
   */
  missingFrom(next: ReadonlyMap<string, Scenario>): string[] {
    const fromCatalogue = [...this.#base, ...this.#active].filter((s) => this.#known.get(s.name) === s);
    return [...new Set(fromCatalogue.map((s) => s.name))].filter((name) => !next.has(name));
  }

  /**
   * Swap in a reloaded catalogue: base and active scenarios taken from the old catalogue get
   * their new definitions (inline values stay) and the active set is re-applied, so open
   * connections see the new rules on their next call. Check `missingFrom(next)` first.
   */
  replaceCatalogue(next: Map<string, Scenario>): void {
    const renew = (list: Scenario[]) => list.map((s) => (this.#known.get(s.name) === s ? next.get(s.name) ?? s : s));
    const sameBase = this.#active === this.#base;
    this.#base = renew(this.#base);
    this.#active = sameBase ? this.#base : renew(this.#active);
    this.#known = next;
    this.#composed = this.#apply();
  }

  /**
   * The workspace and scenario for one request or connection: the active set, plus the
   * scenarios named in `extra` (a header or query value) on top.
   */
  scoped(extra: string | undefined): ScopedState {
    // The unscoped view is made once per scenario change (#apply), not on every call.
    if (!extra) return (this.#unscoped ??= { ws: this.ws, community: this.community, scenario: this.#composed });
    let hit = this.#views.get(extra);
    if (!hit) {
      const scenario = composeScenarios([...this.#active, ...this.resolve(extra)]);
      hit = { ws: this.ws.withLayer(scenario), community: this.community.withLayer(scenario.selfcommunity ?? {}), scenario };
      if (this.#views.size >= MAX_VIEWS) this.#views.clear();
      this.#views.set(extra, hit);
    }
    return hit;
  }

  #apply(): Scenario {
    this.#views.clear();
    this.#unscoped = undefined;
    const composed = composeScenarios(this.#active);
    this.ws.setLayer(composed);
    this.community.setLayer(composed.selfcommunity);
    return composed;
  }
}
