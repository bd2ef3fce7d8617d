import { randomBytes } from 'node:crypto';
import { raise } from '../../errors.js';
import { fullView } from '../user.js';
import { applyCustomFields, validateCustomFields } from '../validation/custom-fields.js';
import { validateEmailDomain } from '../validation/email-domain.js';
import { hasValidNameChars } from '../validation/name-chars.js';
import type { Workspace } from '../workspace.js';
import { insertUser, updateUser } from './new-user.js';
import { assertAvailable, assertUsernameValid } from './usernames.js';

export interface CreateUserParams {
  email: string;
  name: string;
  password?: string;
  username: string;
  active?: boolean;
  bio?: string;
  nickname?: string;
  statusText?: string;
  roles?: string[];
  joinDefaultChannels?: boolean;
  requirePasswordChange?: boolean;
  setRandomPassword?: boolean;
  sendWelcomeEmail?: boolean;
  verified?: boolean;
  customFields?: Record<string, unknown>;
}

const METHOD = 'insertOrUpdateUser';

/** `validateUserData` for a new user (saveUser/validateUserData.ts), in Rocket.Chat's order. */
function validateNewUserData(ws: Workspace, callerId: string, data: CreateUserParams): void {
  if (!ws.can(callerId, 'create-user')) throw raise('ADD_USER_NOT_ALLOWED', {}, { method: METHOD, action: 'Adding_user' });
  if (data.roles && data.roles.some((r) => !ws.roleExists(r))) throw raise('INVALID_ROLE', {}, { method: METHOD, action: 'Assign_role' });
  if (data.roles?.includes('admin') && !ws.can(callerId, 'assign-admin-role')) {
    throw raise('ASSIGN_ADMIN_NOT_ALLOWED', {}, { method: METHOD, action: 'Assign_admin' });
  }
  if (ws.settings.bool('Accounts_RequireNameForSignUp') && !(data.name ?? '').trim()) {
    throw raise('FIELD_REQUIRED', { field: 'Name' }, { method: METHOD, field: 'Name' });
  }
  assertUsernameValid(ws, data.username, METHOD);
  if (!data.password && !data.setRandomPassword) throw raise('FIELD_REQUIRED', { field: 'Password' }, { method: METHOD, field: 'Password' });
  if (data.username) assertAvailable(ws, 'username', data.username, METHOD);
  if (data.email) assertAvailable(ws, 'email', data.email, METHOD);
}

/**
 * The `users.create` action: name characters, custom fields, `saveUser` (validateUserData,
 * saveNewUser), custom fields saved, then the active status — which, as in Rocket.Chat,
 * is checked after the user exists. Returns the full user view (no `services`).
 */
export function createUser(ws: Workspace, callerId: string, data: CreateUserParams): Record<string, unknown> {
  // joinDefaultChannels (default true), sendWelcomeEmail and statusText are accepted; rooms and
  // mail are not emulated, and Rocket.Chat does not store statusText on creation.
  if (data.name && !hasValidNameChars(data.name)) throw raise('NAME_INVALID_CHARS');
  if (data.customFields) validateCustomFields(ws.settings, data.customFields);
  validateNewUserData(ws, callerId, data);

  let password = data.password;
  let requirePasswordChange = data.requirePasswordChange;
  if (data.setRandomPassword) {
    password = randomBytes(12).toString('base64url');
    requirePasswordChange = true;
  }
  validateEmailDomain(ws.settings, data.email);
  const user = insertUser(ws, {
    email: data.email,
    username: data.username,
    password,
    roles: data.roles,
    verified: typeof data.verified === 'boolean' ? data.verified : false,
  });
  updateUser(ws, user._id, (u) => {
    if (data.name !== undefined) u.name = data.name;
    if (requirePasswordChange !== undefined) u.requirePasswordChange = requirePasswordChange;
    if (data.bio) u.bio = data.bio;
    if (data.nickname) u.nickname = data.nickname;
    if (data.customFields) applyCustomFields(ws.settings, u, data.customFields);
  });
  if (data.active !== undefined) {
    if (!ws.can(callerId, 'edit-other-user-active-status')) throw raise('ACTIVE_STATUS_NOT_ALLOWED', {}, { method: 'setUserActiveStatus' });
    updateUser(ws, user._id, (u) => {
      u.active = data.active!;
    });
  }
  return fullView(ws.users.get(user._id)!);
}
