import type { UserDoc } from '../rocketchat/user.js';
import { userView } from '../selfcommunity/sc-user.js';
import type { Tenant } from './tenants.js';

/** The collections the data API serves, keyed like a json-server file (`id` on every record). */
export interface DataView {
  users: Array<Record<string, unknown>>;
  settings: Array<{ id: string; value: unknown }>;
  permissions: Array<{ id: string; roles: string[] }>;
  sc_users: Array<Record<string, unknown>>;
}

/** Never leave the server through the data API, whatever a custom field wrote. */
const SECRET_KEYS = ['services', 'password', 'hashedToken', 'tokens'];

/**
 * A user as the data API shows it: the stored document with `id` = `_id`, dates as ISO
 * strings (so `?createdAt_gte=` compares strings), custom-field extras at top level, and no
 * secrets (password hash, `services`, tokens).
 */
export function userRecord(u: UserDoc): Record<string, unknown> {
  const { services: _services, extra, createdAt, _updatedAt, ...rest } = u;
  const record: Record<string, unknown> = { id: u._id, ...rest, ...extra, createdAt: createdAt.toISOString(), _updatedAt: _updatedAt.toISOString() };
  for (const key of SECRET_KEYS) delete record[key];
  return record;
}

/** The sanitized projection of one tenant's state. Built once per change, not per request. */
export function dataView(tenant: Tenant): DataView {
  const ws = tenant.workspace;
  const users: DataView['users'] = [];
  for (const u of ws.users.values()) users.push(userRecord(u));
  const sc_users: DataView['sc_users'] = [];
  for (const u of tenant.community.users.values()) sc_users.push(userView(u, { email: true, status: true, role: true }));
  return {
    users,
    settings: Object.entries(ws.settings.toJSON()).map(([id, value]) => ({ id, value })),
    permissions: Object.entries(ws.permissions.toJSON()).map(([id, roles]) => ({ id, roles })),
    sc_users,
  };
}
