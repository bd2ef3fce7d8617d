import { MockchatConfigError, raise } from '../errors.js';
import { assertAvailable, assertUsernameValid } from '../rocketchat/accounts/usernames.js';
import { removeUser } from '../rocketchat/accounts/directory.js';
import { insertUser, normalizeEmail, passwordOf, updateUser } from '../rocketchat/accounts/new-user.js';
import type { UserDoc } from '../rocketchat/user.js';
import { validateEmailDomain } from '../rocketchat/validation/email-domain.js';
import type { Workspace } from '../rocketchat/workspace.js';

/**
 * Writes of the data API (`/__mockchat/db/*`), done through the workspace so its indexes and
 * rules hold: a user added here has a hashed password and can log in, a taken username or
 * email is refused as Rocket.Chat's `validateUserData` refuses it. No HTTP here.
 */

/** Fields a data API client may write on a user; `id`/`_id` are accepted when they name the same user. */
const USER_FIELDS = ['username', 'email', 'password', 'name', 'roles', 'active', 'verified'] as const;
type UserFields = Partial<{ username: string; email: string; password: string; name: string; roles: string[]; active: boolean; verified: boolean }>;

/** The admin surface saves users as Rocket.Chat's admin `saveUser` does. */
const METHOD = 'insertOrUpdateUser';

const refuse = (message: string) => new MockchatConfigError('MOCKCHAT_ERR_DATA', message);

function userFields(body: unknown, id?: string): UserFields {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refuse('the body must be a JSON object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if ((key === 'id' || key === '_id') && (id === undefined || value === id)) continue;
    if (!(USER_FIELDS as readonly string[]).includes(key)) throw refuse(`users: "${key}" cannot be written; writable fields: ${USER_FIELDS.join(', ')}`);
    const type = key === 'roles' ? 'array' : key === 'active' || key === 'verified' ? 'boolean' : 'string';
    const ok = type === 'array' ? Array.isArray(value) && value.every((r) => typeof r === 'string') : typeof value === type;
    if (!ok) throw refuse(`users: "${key}" must be ${type === 'array' ? 'an array of role names' : `a ${type}`}`);
    out[key] = value;
  }
  return out as UserFields;
}

/**
 * validateUserData (saveUser/validateUserData.ts) in Rocket.Chat's order for the given fields:
 * roles, username (required for a new user), password (required for a new user), then
 * uniqueness. No caller permissions: this is the admin surface. `self` is the user updated.
 * The data API also needs an address for a new user (its own rule), and checks it as
 * saveNewUser does (validateEmailDomain).
 */
function validate(ws: Workspace, f: UserFields, self?: UserDoc): void {
  if (f.roles?.some((r) => !ws.roleExists(r))) throw raise('INVALID_ROLE', {}, { method: METHOD, action: 'Assign_role' });
  if (!self || f.username !== undefined) assertUsernameValid(ws, f.username, METHOD);
  if (self ? f.password === '' : !f.password) throw raise('FIELD_REQUIRED', { field: 'Password' }, { method: METHOD, field: 'Password' });
  if (f.username !== undefined) assertAvailable(ws, 'username', f.username, METHOD, self);
  // Rocket.Chat does not require an address; the data API does, so that is mockchat's own refusal.
  if (!self && f.email === undefined) throw refuse('users: "email" is required');
  if (f.email !== undefined) {
    assertAvailable(ws, 'email', f.email, METHOD, self);
    // saveNewUser / setEmail then run validateEmailDomain (format, allowed and blocked domains).
    validateEmailDomain(ws.settings, f.email);
  }
}

/** `POST /__mockchat/db/users`: username, email and password are required. */
export function addUser(ws: Workspace, body: unknown): UserDoc {
  const f = userFields(body);
  validate(ws, f);
  return insertUser(ws, { ...f, email: normalizeEmail(f.email!), verified: f.verified ?? true });
}

/** `PATCH` or `PUT /__mockchat/db/users/:id`: only the given writable fields change. */
export function patchUser(ws: Workspace, id: string, body: unknown): UserDoc {
  const self = ws.users.get(id);
  if (!self) throw raise('USER_NOT_FOUND');
  const f = userFields(body, id);
  validate(ws, f, self);
  return updateUser(ws, id, (u) => {
    if (f.username !== undefined) u.username = f.username;
    if (f.name !== undefined) u.name = f.name;
    if (f.active !== undefined) u.active = f.active;
    if (f.roles !== undefined) u.roles = [...f.roles];
    if (f.password !== undefined) u.services.password = passwordOf(ws, f.password);
    if (f.email !== undefined) u.emails = [{ address: normalizeEmail(f.email), verified: f.verified ?? u.emails[0]?.verified ?? true }];
    else if (f.verified !== undefined && u.emails[0]) u.emails[0].verified = f.verified;
  });
}

/** `DELETE /__mockchat/db/users/:id`: the user and its login tokens. */
export function deleteDbUser(ws: Workspace, id: string): void {
  if (!removeUser(ws, id)) throw raise('USER_NOT_FOUND');
}

/** `PATCH /__mockchat/db/settings/:id` with `{"value": …}` of the setting's type. */
export function patchSetting(ws: Workspace, id: string, body: unknown): void {
  const current = ws.settings.toJSON()[id];
  if (current === undefined) throw refuse(`settings: no setting "${id}"`);
  const value = (body as { value?: unknown } | null)?.value;
  if (typeof value !== typeof current) throw refuse(`settings: "${id}" needs {"value": <${typeof current}>}`);
  ws.settings.set(id, value as string | number | boolean);
}

/** `PATCH /__mockchat/db/permissions/:id` with `{"roles": [...]}`: `permissions.update`'s checks. */
export function patchPermission(ws: Workspace, id: string, body: unknown): void {
  const roles = (body as { roles?: unknown } | null)?.roles;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) throw refuse(`permissions: "${id}" needs {"roles": ["role", ...]}`);
  ws.permissions.update([{ _id: id, roles }]);
}
