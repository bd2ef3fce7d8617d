import { join } from 'node:path';
import { DdpServer } from './ddp/ddp-server.js';
import { rocketChatDdp } from './rocketchat/ddp-methods.js';
import { SnapshotStore } from './admin/snapshot-store.js';
import { Tenants, type Tenant, type TenantState } from './admin/tenants.js';
import { Journal } from './journal.js';
import { createLogger, type Logger } from './log.js';
import { resolveOptions, type MockchatOptions } from './options.js';
import { RocketChatRest } from './rocketchat/rest/rest-api.js';
import type { RequestValidator } from './spec/request-validator.js';
import { readSeedFile, seedFixedUsers, seedGeneratedUsers } from './rocketchat/seed.js';
import { collectGarbage } from './collect-garbage.js';
import type { UserDoc } from './rocketchat/user.js';
import { Workspace, type WorkspaceState } from './rocketchat/workspace.js';
import { seedRules } from './rocketchat/seed-rules.js';
import { loadScenarios, scenarioValidator, shippedScenario } from './scenarios/load-scenarios.js';
import { ScenarioController, type ScenarioSpec } from './scenarios/scenario-controller.js';
import type { Scenario } from './scenarios/scenario.js';
import { Community, type CommunityState } from './selfcommunity/community.js';
import { SelfCommunityRest } from './selfcommunity/rest/sc-rest.js';
import { readScSeedFile, seedCommunity } from './selfcommunity/seed.js';
import { MockchatServer } from './server.js';
import { loadSpecSet } from './spec/spec-set.js';
import { HotReload, NOT_WATCHING, type ReloadStatus } from './watch/hot-reload.js';
import { reloadSources } from './watch/sources.js';
import { reloaders, type LiveParts } from './watch/reloaders.js';
import { Persistence } from './store/persistence.js';
import { listRoutes, type RouteInfo } from './spec/route-list.js';
import type { RestProduct } from './http/rest-product.js';

export type { MockchatOptions, LogLevel } from './options.js';
export type { UserDoc } from './rocketchat/user.js';
export type { WorkspaceState } from './rocketchat/workspace.js';
export type { Scenario, Fault, Trigger } from './scenarios/scenario.js';
export type { ScenarioSpec } from './scenarios/scenario-controller.js';
export type { JournalEntry, JournalFilter } from './journal.js';
export type { RouteInfo } from './spec/route-list.js';
export type { Tenant, TenantState } from './admin/tenants.js';
export type { ReloadStatus, ReloadResult, ReloadPart } from './watch/hot-reload.js';
export type { CommunityState, CommunityRules, CommunityLayer, MetadataField } from './selfcommunity/community.js';
export type { ScUser } from './selfcommunity/sc-user.js';
export { Community };
export { SC_ERRORS, type ScErrorCode } from './selfcommunity/sc-errors.js';
export { Journal } from './journal.js';
export { Workspace } from './rocketchat/workspace.js';
export { ERRORS, WorkspaceError, MockchatConfigError, type ErrorCode } from './errors.js';

/** A running mockchat server. */
export interface Mockchat {
  /** Base HTTP URL, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** DDP WebSocket URL, e.g. `ws://127.0.0.1:3000/websocket`. */
  readonly wsUrl: string;
  readonly port: number;
  /** Credentials of the seeded admin. */
  readonly admin: { username: string; password: string; userId: string };
  /** The emulated workspace, for assertions (`mock.workspace.settings.get(...)`). */
  readonly workspace: Workspace;
  /**
   * The emulated SelfCommunity (main tenant), for assertions and for the emails it "sent".
   * @example
   * mock.selfcommunity.findByUsername('jane')?.email_isvalid;
   * mock.selfcommunity.outbox.at(-1)?.validation_code;
   */
  readonly selfcommunity: Community;
  /** Typed lookups of users. */
  readonly users: {
    findByUsername(username: string): UserDoc | undefined;
    findByEmail(email: string): UserDoc | undefined;
    count(): number;
  };
  /** Back to the seeded state (users, tokens, settings, permissions, SelfCommunity) and the base scenario. */
  reset(): void;
  /**
   * Make scenarios active for every request and connection (replacing the current set).
   * @example
   * mock.useScenario('registration-disabled');
   * mock.useScenario(['rate-limited', { name: 'mine', description: 'x', settings: { Accounts_RequireNameForSignUp: false } }]);
   */
  useScenario(spec: ScenarioSpec): Scenario;
  /**
   * A deep copy of the state (users, tokens, settings, permissions, and SelfCommunity's under
   * `selfcommunity`), to `restore()` later.
   * @example
   * const before = mock.snapshot();
   * // ... a test that registers users ...
   * mock.restore(before);
   */
  snapshot(): TenantState;
  restore(snapshot: TenantState): void;
  /** Back to the base scenario (from options or `--scenario`). */
  resetScenario(): Scenario;
  /** Every known scenario, and which are active. */
  scenarios(): { active: string[]; known: Scenario[] };
  /**
   * Every HTTP request and DDP method call, secrets redacted, bounded (oldest dropped).
   * @example
   * expect(mock.journal.wasCalled('registerUser', { email: 'jane@example.com' })).toBe(true);
   * mock.journal.find({ transport: 'ddp', operation: 'login' });
   */
  readonly journal: Journal;
  /**
   * A named sandbox: its own users and scenario, starting from the seed; created on first use
   * (as by the `X-Mockchat-Sandbox` header or `?sandbox=` on the WebSocket URL).
   * @example
   * mock.sandbox('worker-1').workspace.findByUsername('jane');
   */
  sandbox(name: string): Tenant;
  /** Names of the sandboxes that exist. */
  sandboxes(): string[];
  /**
   * The hot-reload state (`watch: true`): how many reloads ran and the last one's outcome.
   * @example
   * mock.reloadStatus().last; // { ok: false, part: 'scenarios', file: '…/x.yaml', error: '…', at: '…' }
   */
  reloadStatus(): ReloadStatus;
  /** Stop listening, stop watching files, end every connection and (with `db`) write the state to the file. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The emulated products' REST adapters; Rocket.Chat's validates requests against
 * `rocketchat.rest.yaml`. Rocket.Chat comes last: a path no product owns is answered in its format.
 */
function restProducts(validator: () => RequestValidator): RestProduct[] {
  return [new SelfCommunityRest(), new RocketChatRest(validator)];
}

/**
 * Every HTTP route a server with these options serves, and what serves it: an emulated
 * product (stateful) or a spec in `specsDir` (Prism's mocker). What `mockchat routes` prints.
 * @example
 * mockchatRoutes({ specsDir: './specs' }).filter((r) => r.served === 'spec');
 */
export function mockchatRoutes(options: Pick<MockchatOptions, 'specsDir'> = {}): RouteInfo[] {
  const specs = loadSpecSet(resolveOptions({ specsDir: options.specsDir }).specsDir);
  return listRoutes(restProducts(() => specs.validator), specs.catalog);
}

/**
 * Start a mockchat server.
 * @example
 * const mock = await createMockchat({ port: 0 });
 * await fetch(`${mock.url}/api/v1/users.register`, { method: 'POST', ... });
 * await mock.close();
 */
export async function createMockchat(options: MockchatOptions = {}): Promise<Mockchat> {
  const o = resolveOptions(options);
  const logger: Logger = createLogger(o.logLevel);
  const seed = readSeedFile(o.seedFile);

  const workspaceOptions = { settings: { ...seed.settings, ...o.settings }, permissions: seed.permissions, rateLimits: o.rateLimits, rejectLoggedInRegister: o.rejectLoggedInRegister };
  const workspace = new Workspace(workspaceOptions);
  seedFixedUsers(workspace, seed, o.seed, o.adminPassword);
  await seedGeneratedUsers(workspace, seed, o.seed, o.users);
  const initial: WorkspaceState = workspace.capture();
  const community = seedCommunity(readScSeedFile(o.selfcommunitySeedFile));
  const initialCommunity: CommunityState = community.toState();
  // After seeding: the file (if any) replaces the seeded state; reset() still goes back to the seed.
  const persistence = o.db ? Persistence.open({ file: o.db, reset: o.dbReset, logger }, workspace, community) : undefined;
  // A bulk seed or a loaded file leaves its garbage behind; clear it before serving (when `gc` is exposed).
  if (initial.seeded || persistence?.loaded) collectGarbage();

  const schema = join(o.packagedScenariosDir, 'scenario.schema.json');
  const check = scenarioValidator(schema);
  // Shipped scenarios are checked by the test suite, not at every start; yours are checked here.
  const known = new Map([...loadScenarios([o.packagedScenariosDir], schema, shippedScenario), ...(o.scenariosDir ? loadScenarios([o.scenariosDir], schema, check) : [])]);
  const specs = loadSpecSet(o.specsDir);
  const live: LiveParts = {
    specs, known, rules: seedRules(seed, o.settings), initial, initialCommunity,
    scenarioDirs: [o.packagedScenariosDir, ...(o.scenariosDir ? [o.scenariosDir] : [])], scenarioSchema: schema, checkScenario: check,
  };

  const tenantOf = (ws: Workspace, sc: Community, name?: string): Tenant => {
    const scenarios = new ScenarioController(ws, live.known, o.scenario, check, sc);
    const restore = (state: TenantState) => {
      ws.load(state);
      if (state.selfcommunity) sc.load(state.selfcommunity);
    };
    const reset = () => {
      restore({ ...initial, selfcommunity: initialCommunity });
      scenarios.reset();
    };
    const snapshot = (): TenantState => ({ ...ws.toState(), selfcommunity: sc.toState() });
    const capture = (): TenantState => ({ ...ws.capture(), selfcommunity: sc.toState() });
    return { name, workspace: ws, community: sc, scenarios, snapshots: new SnapshotStore(), createdAt: new Date().toISOString(), reset, snapshot, capture, restore };
  };
  const main = tenantOf(workspace, community);
  const scenarios = main.scenarios;
  const tenants = new Tenants(main, (name) => {
    const ws = new Workspace(workspaceOptions);
    ws.load(initial);
    const sc = new Community();
    sc.load(initialCommunity);
    return tenantOf(ws, sc, name);
  }, o.maxSandboxes);
  const journal = new Journal(o.journalSize);
  const registry = rocketChatDdp((sandbox) => tenants.resolve(sandbox).scenarios, () => live.specs.ddp);
  registry.observe = (e) => journal.recordCall(e);
  const ddp = new DdpServer(registry, {
    heartbeatInterval: o.ddpHeartbeatInterval,
    heartbeatTimeout: o.ddpHeartbeatTimeout,
    maxMessageBytes: o.ddpMaxMessageBytes,
    maxMessagesPerSecond: o.ddpMaxMessagesPerSecond,
    maxJsonDepth: o.maxJsonDepth,
  });
  const products = restProducts(() => live.specs.validator);

  let hotReload: HotReload | undefined;

  const server = new MockchatServer({
    tenants, journal, products, logger, bodyLimit: o.bodyLimit, maxJsonDepth: o.maxJsonDepth, headerLimit: o.headerLimit, maxConnections: o.maxConnections, ddp, adminToken: o.adminToken, specs: () => live.specs, cors: { api: o.corsOrigins, admin: o.adminCorsOrigins },
    reloadStatus: () => hotReload?.status() ?? NOT_WATCHING,
  });
  let address;
  try {
    address = await server.listen(o.port, o.host);
  } catch (error) {
    persistence?.close();
    throw error;
  }
  if (o.watch) hotReload = new HotReload(reloadSources(o, reloaders(o, live, tenants)), logger).start();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const admin = workspace.findByUsername('admin');

  return {
    url: `http://${host}:${address.port}`,
    wsUrl: `ws://${host}:${address.port}/websocket`,
    port: address.port,
    admin: { username: 'admin', password: o.adminPassword, userId: admin?._id ?? '' },
    workspace,
    selfcommunity: community,
    users: {
      findByUsername: (u) => workspace.findByUsername(u),
      findByEmail: (e) => workspace.findByEmail(e),
      count: () => workspace.users.size,
    },
    reset: main.reset,
    journal,
    sandbox: (name) => tenants.resolve(name),
    sandboxes: () => tenants.list().map((t) => t.name!),
    snapshot: main.snapshot,
    restore: main.restore,
    useScenario: (spec) => scenarios.use(spec),
    resetScenario: () => scenarios.reset(),
    scenarios: () => ({ active: scenarios.activeNames(), known: scenarios.list() }),
    reloadStatus: () => hotReload?.status() ?? NOT_WATCHING,
    close: () => {
      hotReload?.close();
      return server.close().then(() => persistence?.close());
    },
  };
}
