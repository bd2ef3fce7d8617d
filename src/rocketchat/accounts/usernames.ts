import { raise } from '../../errors.js';
import { isBlockedUsername, isValidUsername } from '../validation/username.js';
import type { UserDoc } from '../user.js';
import type { Workspace } from '../workspace.js';

/**
 * `checkUsernameAvailability`: throws for blocked names, false for taken ones
 * (case-insensitive, an O(1) index lookup).
 */
export function checkUsernameAvailability(ws: Workspace, username: string): boolean {
  if (isBlockedUsername(ws.settings, username)) {
    throw raise('BLOCKED_USERNAME', { username: escapeHtml(username) }, { method: 'checkUsernameAvailability', field: username });
  }
  return !ws.users.has('username', username);
}

/**
 * `checkUsernameAvailabilityWithValidation` (REST `users.checkUsernameAvailability`): for the
 * logged-in `caller`; the caller's own name is available to them.
 */
export function usernameAvailableFor(ws: Workspace, caller: UserDoc, username: string): boolean {
  if (!username) throw raise('INVALID_USERNAME', {}, { method: 'setUsername' });
  // checkUsernameAvailabilityWithValidation names setUsername in the details; setUsername's own
  // check does not (Rocket.Chat apps/meteor/app/lib/server/functions/checkUsernameAvailability.ts).
  if (caller.username && !ws.settings.bool('Accounts_AllowUsernameChange')) throw raise('USERNAME_CHANGE_NOT_ALLOWED', {}, { method: 'setUsername' });
  if (caller.username === username) return true;
  return checkUsernameAvailability(ws, username);
}

/**
 * validateUserData's username checks (saveUser/validateUserData.ts): present, then valid under
 * `UTF8_User_Names_Validation`. `method` names the caller in the error details.
 */
export function assertUsernameValid(ws: Workspace, username: string | undefined, method: string): void {
  if (!(username ?? '').trim()) throw raise('FIELD_REQUIRED', { field: 'Username' }, { method, field: 'Username' });
  if (!isValidUsername(ws.settings, username!)) {
    throw raise('USERNAME_NOT_VALID_FIELD', { username: escapeHtml(username!) }, { method, input: username, field: 'Username' });
  }
}

/**
 * validateUserData's uniqueness checks: a blocked or taken username, a taken email address
 * (`Field_unavailable`). `self` is the user being updated, who may keep its own.
 */
export function assertAvailable(ws: Workspace, field: 'username' | 'email', value: string, method: string, self?: UserDoc): void {
  const holder = field === 'username' ? ws.findByUsername(value) : ws.findByEmail(value);
  if (self && holder?._id === self._id) return;
  const free = field === 'username' ? checkUsernameAvailability(ws, value) : !holder;
  if (!free) throw raise('FIELD_UNAVAILABLE', { value: escapeHtml(value) }, { method, field: value });
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** lodash.escape, used by Rocket.Chat on usernames and emails inside messages. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML[c]);
}
