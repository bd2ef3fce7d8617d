import { fileURLToPath } from 'node:url';
import { MockchatConfigError } from './errors.js';
import type { SettingValue } from './rocketchat/settings.js';
import type { ScenarioSpec } from './scenarios/scenario-controller.js';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/** Options of `createMockchat()` and `mockchat serve`. */
export interface MockchatOptions {
  /** TCP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Seed number for ids and generated users. Default 1. */
  seed?: number;
  /** Extra users generated with faker. Default 0. */
  users?: number;
  /** Password of the seeded `admin` user. Default `admin`. */
  adminPassword?: string;
  /** Default `warn` for the API, `info` for the CLI. */
  logLevel?: LogLevel;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Deepest nesting of objects/arrays accepted in a JSON body or DDP frame. Default 64. */
  maxJsonDepth?: number;
  /** Largest request head (request line + headers) in bytes; more answers 431. Default 16384 (Node's). */
  headerLimit?: number;
  /** Most open TCP connections (HTTP and DDP); more are answered 503 and closed. Default 10000. */
  maxConnections?: number;
  /** DDP: largest accepted message in bytes; larger frames close the socket with 1009. Default 1 MiB. */
  ddpMaxMessageBytes?: number;
  /** DDP: most messages per second per connection; more close it with 1008. Default 1000. */
  ddpMaxMessagesPerSecond?: number;
  /** DDP: ms without incoming traffic before the server sends `{"msg":"ping"}`. Default 15000 (Meteor). */
  ddpHeartbeatInterval?: number;
  /** DDP: ms to wait for any traffic after a server ping before closing. Default 15000 (Meteor). */
  ddpHeartbeatTimeout?: number;
  /** Enforce Rocket.Chat's rate limits (off by default, as in Rocket.Chat's TEST_MODE). */
  rateLimits?: boolean;
  /**
   * Answer `users.register` from a caller with valid credentials with `Logged in users can not
   * register again.` (builds that resolve the user on every route). Default false, as 7.x.
   */
  rejectLoggedInRegister?: boolean;
  /** Setting overrides applied over the seed (e.g. `{ Accounts_RegistrationForm: 'Disabled' }`). */
  settings?: Record<string, SettingValue>;
  /** Seed file. Default: the packaged `seeds/default.json`. */
  seedFile?: string;
  /** SelfCommunity seed file (users, OAuth clients, invite and promo codes, preferences). Default: the packaged `seeds/selfcommunity.json`. */
  selfcommunitySeedFile?: string;
  /**
   * Directory of OpenAPI documents: `rocketchat.rest.yaml` (request validation), any other
   * `*.yaml`/`*.yml`/`*.json` whose operations mockchat does not emulate (served from their
   * examples by Prism), and the DDP contract `rocketchat.ddp.yaml`. Default: the packaged `specs/`.
   */
  specsDir?: string;
  /**
   * Token required on `/__mockchat/*` (as `Authorization: Bearer TOKEN`). Mandatory when
   * `host` is not a loopback address: the admin surface can reset and rewrite all state.
   */
  adminToken?: string;
  /** Browser origins allowed to call the Rocket.Chat API: `'*'` (default) or a list. */
  corsOrigins?: '*' | string[];
  /** Browser origins allowed to call `/__mockchat` from another origin. Default none. */
  adminCorsOrigins?: '*' | string[];
  /** Most sandboxes at once (`X-Mockchat-Sandbox`); more are refused. Default 64. */
  maxSandboxes?: number;
  /** How many journal entries to keep (oldest dropped). Default 1000. */
  journalSize?: number;
  /** Base scenario(s): names (`'a,b'` or `['a','b']`) or scenario values; later ones win. */
  scenario?: ScenarioSpec;
  /** An extra directory of `*.yaml` scenarios (added to, and overriding, the packaged ones). */
  scenariosDir?: string;
  /**
   * Hot reload: watch `specsDir`, the scenario directories and the seed files, and apply
   * changes without a restart (users, tokens and open connections are kept). An invalid edit
   * is logged and the previous version kept. Default false.
   */
  watch?: boolean;
  /**
   * Keep the main workspace's state in this json-server-compatible JSON file (plus an
   * append-only `FILE.log`): restarts keep users, tokens, settings and permissions, and an
   * acknowledged write survives `kill -9`. Default: memory only. See docs/persistence.md.
   */
  db?: string;
  /** With `db`: start from the seed and overwrite the file (only a file mockchat wrote). Default false. */
  dbReset?: boolean;
}

export type ResolvedOptions = Required<Omit<MockchatOptions, 'settings' | 'scenariosDir' | 'adminToken' | 'db'>> & {
  adminToken?: string;
  db?: string;
  settings: Record<string, SettingValue>;
  scenariosDir?: string;
  /** The packaged scenarios directory. */
  packagedScenariosDir: string;
};

const root = fileURLToPath(new URL('..', import.meta.url));
/** The default limits (also the CLI flags' defaults); docs/reliability.md has the table. */
export const DEFAULT_LIMITS = {
  bodyLimit: 1024 * 1024,
  maxJsonDepth: 64,
  headerLimit: 16 * 1024,
  maxConnections: 10_000,
  ddpMaxMessageBytes: 1024 * 1024,
  ddpMaxMessagesPerSecond: 1000,
} as const;

const LEVELS: LogLevel[] = ['silent', 'error', 'warn', 'info', 'debug'];

/** Defaults spread under the given options, checked up front with clear messages. */
export function resolveOptions(options: MockchatOptions = {}): ResolvedOptions {
  const o: ResolvedOptions = {
    port: 3000,
    host: '127.0.0.1',
    seed: 1,
    users: 0,
    adminPassword: 'admin',
    logLevel: 'warn',
    ...DEFAULT_LIMITS,
    rateLimits: false,
    watch: false,
    rejectLoggedInRegister: false,
    dbReset: false,
    ddpHeartbeatInterval: 15_000,
    ddpHeartbeatTimeout: 15_000,
    seedFile: `${root}seeds/default.json`,
    selfcommunitySeedFile: `${root}seeds/selfcommunity.json`,
    specsDir: `${root}specs`,
    scenario: [],
    journalSize: 1000,
    maxSandboxes: 64,
    corsOrigins: '*',
    adminCorsOrigins: [],
    packagedScenariosDir: `${root}scenarios`,
    ...stripUndefined(options),
    settings: { ...options.settings },
  };
  const fail = (message: string) => {
    throw new MockchatConfigError('MOCKCHAT_ERR_OPTIONS', message);
  };
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) fail(`port must be an integer from 0 to 65535, got ${o.port}`);
  if (!Number.isInteger(o.users) || o.users < 0) fail(`users must be a non-negative integer, got ${o.users}`);
  if (!Number.isInteger(o.seed)) fail(`seed must be an integer, got ${o.seed}`);
  if (!Number.isInteger(o.maxSandboxes) || o.maxSandboxes < 0) fail(`maxSandboxes must be a non-negative integer, got ${o.maxSandboxes}`);
  if (!Number.isInteger(o.journalSize) || o.journalSize < 0) fail(`journalSize must be a non-negative integer, got ${o.journalSize}`);
  if (!Number.isInteger(o.bodyLimit) || o.bodyLimit < 1) fail(`bodyLimit must be a positive integer, got ${o.bodyLimit}`);
  for (const key of ['ddpHeartbeatInterval', 'ddpHeartbeatTimeout'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) fail(`${key} must be a positive integer (ms), got ${o[key]}`);
  }
  for (const key of ['maxJsonDepth', 'headerLimit', 'maxConnections', 'ddpMaxMessageBytes', 'ddpMaxMessagesPerSecond'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) fail(`${key} must be a positive integer, got ${o[key]}`);
  }
  if (!LEVELS.includes(o.logLevel)) fail(`logLevel must be one of ${LEVELS.join(', ')}, got ${o.logLevel}`);
  if (!isLoopback(o.host) && !o.adminToken) {
    fail(`binding to ${o.host} exposes the admin API (/__mockchat) to the network: pass an admin token (--admin-token / MOCKCHAT_ADMIN_TOKEN)`);
  }
  if (o.db !== undefined && (typeof o.db !== 'string' || o.db === '')) fail('db must be a file path');
  if (o.dbReset && o.db === undefined) fail('dbReset (--reset) starts the db file again from the seed: it needs db (--db FILE)');
  if (typeof o.adminPassword !== 'string' || o.adminPassword === '') fail('adminPassword must be a non-empty string');
  return o;
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
