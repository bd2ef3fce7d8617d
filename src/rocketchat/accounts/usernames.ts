import { raise } from '../../errors.js';
import { isBlockedUsername } from '../validation/username.js';
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
  if (caller.username && !ws.settings.bool('Accounts_AllowUsernameChange')) throw raise('USERNAME_CHANGE_NOT_ALLOWED');
  if (caller.username === username) return true;
  return checkUsernameAvailability(ws, username);
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** lodash.escape, used by Rocket.Chat on usernames and emails inside messages. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML[c]);
}
