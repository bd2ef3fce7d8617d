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

/** Role → permission table of one workspace. */
export class Permissions {
  readonly #perms = new Map<string, PermissionDoc>();
  readonly roles = new Set<string>(DEFAULT_ROLES);

  constructor(overrides: Record<string, string[]> = {}) {
    this.reset(overrides);
  }

  reset(overrides: Record<string, string[]> = {}): void {
    this.#perms.clear();
    const now = new Date();
    for (const [id, roles] of Object.entries({ ...DEFAULT_PERMISSIONS, ...overrides })) {
      this.#perms.set(id, { _id: id, roles: [...roles], _updatedAt: now });
    }
  }

  /** True when any of `userRoles` holds `permission`. */
  has(userRoles: readonly string[], permission: string): boolean {
    const doc = this.#perms.get(permission);
    return !!doc && userRoles.some((r) => doc.roles.includes(r));
  }

  get(id: string): PermissionDoc | undefined {
    return this.#perms.get(id);
  }

  set(id: string, roles: string[]): PermissionDoc {
    const doc = { _id: id, roles: [...roles], _updatedAt: new Date() };
    this.#perms.set(id, doc);
    return doc;
  }

  list(): PermissionDoc[] {
    return [...this.#perms.values()];
  }

  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.#perms.values()].map((p) => [p._id, p.roles]));
  }
}
