import { ChangeFeed } from '../store/change-feed.js';
import { Collection, type CollectionChange } from '../store/collection.js';
import type { ColdPart } from '../store/cold-tier.js';
import { randomIds, type IdSource } from '../store/ids.js';
import { Permissions, type PermissionDoc } from './permissions.js';
import { RateLimiter } from './rate-limiter.js';
import { Settings, type SettingValue } from './settings.js';
import { TokenStore, type LoginToken, type TokenChange } from './tokens.js';
import { userCodec, type UserDoc } from './user.js';

export interface WorkspaceOptions {
  settings?: Record<string, SettingValue>;
  permissions?: Record<string, string[]>;
  /**
   * Rate limits as on a production server. Off by default, as Rocket.Chat runs its own
   * test suite (`TEST_MODE`): a mock used while developing must not lock you out for a
   * minute after one sign-up. Turn on to test 429s (the `rate-limited` scenario does).
   */
  rateLimits?: boolean;
  /** Emulate builds whose users.register rejects callers with valid credentials. */
  rejectLoggedInRegister?: boolean;
}

/** Rules a scenario lays over the workspace. */
export interface WorkspaceLayer {
  settings?: Record<string, SettingValue>;
  permissions?: Record<string, string[]>;
  rateLimits?: boolean;
}

/** A copy of a workspace's state (used by reset, snapshots and persistence). */
export interface WorkspaceState {
  /** Every user; with `seeded`, the users outside it. */
  users: UserDoc[];
  /**
   * Users held off the V8 heap (a bulk seed, see `bulkUsers`), shared by every copy. Only
   * copies mockchat keeps itself have it (`capture()`: reset state, snapshots, sandboxes);
   * `toState()` lists every user in `users`.
   */
  seeded?: ColdPart<UserDoc>;
  tokens: LoginToken[];
  settings: Record<string, SettingValue>;
  permissions: Record<string, string[]>;
}

/** How many users a state holds, with those in `seeded`. */
export const userCount = (state: WorkspaceState): number => state.users.length + (state.seeded?.live ?? 0);

/** One write to a workspace's persistent state; `load` replaced all of it (reset, restore). */
export type WorkspaceChange =
  | { kind: 'user'; change: CollectionChange<UserDoc> }
  | { kind: 'token'; change: TokenChange }
  /** `value` undefined: the base value was removed (a seed reload dropped it). */
  | { kind: 'setting'; id: string; value: SettingValue | undefined }
  | { kind: 'permission'; doc: PermissionDoc }
  | { kind: 'permission-removed'; id: string }
  | { kind: 'load' };

/**
 * The single owner of one emulated Rocket.Chat workspace's state. REST, DDP and the admin
 * API all go through it. It knows nothing of HTTP or WebSocket.
 */
export class Workspace {
  /** Frozen documents (see CollectionOptions.frozen): state copies share them. */
  readonly users = new Collection<UserDoc>({ frozen: true });
  readonly settings: Settings;
  readonly permissions: Permissions;
  readonly tokens = new TokenStore();
  readonly rateLimiter: RateLimiter;
  readonly failedLogins = new Map<string, { count: number; since: number; until: number }>();
  /** Every write to users, tokens, settings and permissions (persistence and caches listen). */
  readonly changes = new ChangeFeed<WorkspaceChange>();
  ids: IdSource = randomIds();
  rateLimits: boolean;
  readonly baseRateLimits: boolean;
  rejectLoggedInRegister: boolean;

  constructor(options: WorkspaceOptions = {}, readonly clock: () => number = Date.now) {
    this.settings = new Settings(options.settings);
    this.permissions = new Permissions(options.permissions);
    this.rateLimiter = new RateLimiter(clock);
    this.rateLimits = options.rateLimits ?? false;
    this.baseRateLimits = this.rateLimits;
    this.rejectLoggedInRegister = options.rejectLoggedInRegister ?? false;
    this.now = frozenDates(clock);
    this.users.addUniqueIndex('username', (u, add) => u.username && add(u.username));
    this.users.addUniqueIndex('email', (u, add) => {
      for (const e of u.emails) add(e.address);
    });
    this.users.onChange = (change) => this.changes.emit({ kind: 'user', change });
    this.tokens.onChange = (change) => this.changes.emit({ kind: 'token', change });
    this.settings.hooks.onChange = (id, value) => this.changes.emit({ kind: 'setting', id, value });
    this.permissions.hooks.onChange = (doc) => this.changes.emit({ kind: 'permission', doc });
    this.permissions.hooks.onRemove = (id) => this.changes.emit({ kind: 'permission-removed', id });
  }

  /**
   * The clock's time as a Date, one object per millisecond: every user registered and every
   * token issued in the same millisecond shares it (a Date is ~110 bytes the GC copies and
   * traces; a 50,000-registrations-per-second load kept one per user). It is frozen, but
   * `Object.freeze` does not stop `setTime()`: changing one would change every user's and
   * token's time that shares it. Nothing here does (writes replace documents; a Date is read,
   * never set), and decision 0012 says so to library users. A property, not a method with
   * private state: scenario views (`withLayer`) reach it through the prototype.
   */
  readonly now: () => Date;

  findByUsername(username: string): UserDoc | undefined {
    return this.users.findBy('username', username);
  }

  findByEmail(email: string): UserDoc | undefined {
    return this.users.findBy('email', email.trim());
  }

  /** Whether user `userId` holds `permission` through any of its roles. */
  can(userId: string | undefined, permission: string): boolean {
    const user = userId ? this.users.get(userId) : undefined;
    return !!user && this.permissions.has(user.roles, permission);
  }

  /** Roles that exist (role ids equal names for the default roles). */
  roleExists(role: string): boolean {
    return this.permissions.roles.has(role);
  }

  /**
   * Parsed once per value of the setting, frozen: users stored frozen can share it (one array
   * for every user instead of one each). Copy it to change it.
   */
  defaultRoles(): readonly string[] {
    return this.settings.derived('Accounts_Registration_Users_Default_Roles', parseRoles);
  }

  /**
   * A view of this workspace with a scenario layer (settings, permissions, rate limits) over
   * the base values. It shares users, tokens and counters, so state written through it is
   * the workspace's own; only the rules differ.
   */
  withLayer(layer: WorkspaceLayer): Workspace {
    return Object.create(this, {
      settings: { value: this.settings.withLayer(layer.settings ?? {}) },
      permissions: { value: this.permissions.withLayer(layer.permissions ?? {}) },
      rateLimits: { value: layer.rateLimits ?? this.baseRateLimits, writable: true },
      // Its own counters: a scoped scenario's calls never spend the workspace's rate-limit budget.
      rateLimiter: { value: new RateLimiter(this.clock) },
    }) as Workspace;
  }

  /** Put a layer on the workspace itself (the globally active scenario). */
  setLayer(layer: WorkspaceLayer): void {
    this.settings.setLayer(layer.settings);
    this.permissions.setLayer(layer.permissions);
    this.rateLimits = layer.rateLimits ?? this.baseRateLimits;
  }

  /**
   * A copy of the state. User documents are frozen and shared, not copied (every write
   * replaces a document), so a copy of 1,000,000 users costs an array, not a second heap.
   */
  toState(): WorkspaceState {
    return { users: [...this.users.values()], ...this.#rules() };
  }

  /**
   * The same state, as cheap to take as `toState()` is without a cold tier: users held off
   * the heap stay there, shared (`seeded`). For reset, snapshots and sandboxes.
   */
  capture(): WorkspaceState {
    const seeded = this.users.coldPart();
    return seeded ? { users: [...this.users.hot()], seeded, ...this.#rules() } : this.toState();
  }

  #rules(): Omit<WorkspaceState, 'users'> {
    return structuredClone({ tokens: this.tokens.list(), settings: this.settings.toJSON(), permissions: this.permissions.toJSON() });
  }

  /**
   * Run `fill` (a bulk seed of about `expected` users) with every user, earlier ones too,
   * held off the V8 heap (`Collection.beginColdInserts`). A seed of a million users then
   * costs young-generation GC pauses no longer than a thousand do (docs/performance.md).
   */
  bulkUsers(expected: number, fill: () => void): void {
    this.users.beginColdInserts(userCodec(), expected);
    try {
      fill();
    } finally {
      this.users.endColdInserts();
    }
  }

  /**
   * Replace the state with a copy of `state` (reset, restore, persistence; frozen user
   * documents are shared, others copied); listeners get one `load` event.
   */
  load(state: WorkspaceState): void {
    this.changes.mute(() => {
      this.users.clear();
      if (state.seeded) this.users.attachCold(state.seeded);
      for (const user of state.users) this.users.insert(Object.isFrozen(user) ? user : structuredClone(user));
      this.tokens.load(state.tokens);
      this.settings.reset(state.settings);
      this.permissions.reset(state.permissions);
    });
    this.rateLimiter.clear();
    this.failedLogins.clear();
    this.changes.emit({ kind: 'load' });
  }
}

/** A clock giving one frozen Date per distinct time (see `Workspace.now`). */
function frozenDates(clock: () => number): () => Date {
  let last = Number.NaN;
  let date = new Date(last);
  return () => {
    const ms = clock();
    if (ms !== last) {
      last = ms;
      date = Object.freeze(new Date(ms));
    }
    return date;
  };
}

/** The default-roles setting as a frozen list (a function made once, not per registration). */
const parseRoles = (value: unknown): readonly string[] =>
  Object.freeze(
    String(value ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );
