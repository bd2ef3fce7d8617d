import { raise } from '../../errors.js';
import { isBlockedUsername, isValidUsername } from '../validation/username.js';
import type { Workspace } from '../workspace.js';
import { updateUser } from './new-user.js';

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

/** `setUsernameWithValidation`: validate again and set the username. */
export function setUsername(ws: Workspace, userId: string, username: string): void {
  if (!isValidUsername(ws.settings, username)) {
    throw raise('USERNAME_NOT_VALID_FIELD', { username: escapeHtml(username) }, { method: 'setUsername', input: username, field: 'Username' });
  }
  if (!checkUsernameAvailability(ws, username)) {
    throw raise('FIELD_UNAVAILABLE', { value: escapeHtml(username) }, { method: 'setUsername', field: username });
  }
  updateUser(ws, userId, (u) => {
    u.username = username;
  });
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** lodash.escape, used by Rocket.Chat on usernames and emails inside messages. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML[c]);
}
