import { raise } from '../errors.js';

/**
 * Roles and permissions (apps/meteor/app/authorization/server/constant/permissions.ts).
 * Only the permissions registration and user management consult are listed; unknown
 * permissions are simply absent, as on a real server without that feature.
 */
export const DEFAULT_ROLES = ['admin', 'user', 'bot', 'guest', 'anonymous', 'app', 'livechat-agent', 'livechat-manager', 'owner', 'moderator', 'leader'] as const;

export const DEFAULT_PERMISSIONS: Record<string, string[]> = {
  'create-user': ['admin'],
  'delete-user': ['admin'],
  'edit-other-user-info': ['admin'],
  'edit-other-user-password': ['admin'],
  'edit-other-user-active-status': ['admin'],
  'view-full-other-user-info': ['admin'],
  'view-other-user-channels': ['admin'],
  'assign-roles': ['admin'],
  'assign-admin-role': ['admin'],
  'logout-other-user': ['admin'],
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
  'create-personal-access-tokens': ['admin', 'user'],
  'view-d-room': ['admin', 'owner', 'bot', 'app', 'user'],
  'view-outside-room': ['admin', 'owner', 'moderator', 'bot', 'app', 'user'],
  'view-privileged-setting': ['admin'],
  'edit-privileged-setting': ['admin'],
  'access-permissions': ['admin'],
  'access-setting-permissions': ['admin'],
};

export interface PermissionDoc {
  _id: string;
  roles: string[];
  _updatedAt: Date;
}

/**
 * Role → permission table of one workspace, with a scenario layer on top (as `Settings`):
 * `withLayer()` views share the base table and the role list.
 */
export class Permissions {
  readonly #perms: Map<string, PermissionDoc>;
  #layer = new Map<string, PermissionDoc>();
  readonly roles: Set<string>;
  /** Shared with layered views; `onChange` is called after `set()`/`update()`, `onRemove` after `remove()` (neither after `reset()`). */
  readonly hooks: { onChange?: (doc: PermissionDoc) => void; onRemove?: (id: string) => void };

  constructor(overrides: Record<string, string[]> = {}, shared?: { perms: Map<string, PermissionDoc>; roles: Set<string>; hooks: Permissions['hooks'] }) {
    this.#perms = shared?.perms ?? new Map();
    this.roles = shared?.roles ?? new Set<string>(DEFAULT_ROLES);
    this.hooks = shared?.hooks ?? {};
    if (!shared) this.reset(overrides);
  }

  reset(overrides: Record<string, string[]> = {}): void {
    this.#perms.clear();
    const now = new Date();
    for (const [id, roles] of Object.entries({ ...DEFAULT_PERMISSIONS, ...overrides })) {
      this.#perms.set(id, { _id: id, roles: [...roles], _updatedAt: now });
    }
  }

  setLayer(overrides: Record<string, string[]> = {}): void {
    const now = new Date();
    this.#layer = new Map(Object.entries(overrides).map(([id, roles]) => [id, { _id: id, roles: [...roles], _updatedAt: now }]));
  }

  withLayer(overrides: Record<string, string[]>): Permissions {
    const view = new Permissions({}, { perms: this.#perms, roles: this.roles, hooks: this.hooks });
    view.setLayer(overrides);
    return view;
  }

  /** True when any of `userRoles` holds `permission`. */
  has(userRoles: readonly string[], permission: string): boolean {
    const doc = this.get(permission);
    return !!doc && userRoles.some((r) => doc.roles.includes(r));
  }

  get(id: string): PermissionDoc | undefined {
    return this.#layer.get(id) ?? this.#perms.get(id);
  }

  /**
   * `permissions.update`: every id must exist (`Invalid permission`), then every role
   * (`Invalid role`); only then are all of them written.
   */
  update(items: ReadonlyArray<{ _id: string; roles: string[] }>): PermissionDoc[] {
    if (items.some((p) => !this.get(p._id))) throw raise('INVALID_PERMISSION');
    if (items.some((p) => p.roles.some((r) => !this.roles.has(r)))) throw raise('INVALID_ROLE_UPDATE');
    for (const p of items) this.set(p._id, p.roles);
    return this.list();
  }

  set(id: string, roles: string[]): PermissionDoc {
    const doc = { _id: id, roles: [...roles], _updatedAt: new Date() };
    this.#perms.set(id, doc);
    this.hooks.onChange?.(doc);
    return doc;
  }

  /** Drop a permission from the base table (a seed reload removed it). */
  remove(id: string): void {
    this.#perms.delete(id);
    this.hooks.onRemove?.(id);
  }

  /** Effective permissions (base under layer). */
  list(): PermissionDoc[] {
    return [...new Map([...this.#perms, ...this.#layer]).values()];
  }

  /** Base table only, for snapshots. */
  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.#perms.values()].map((p) => [p._id, p.roles]));
  }
}
