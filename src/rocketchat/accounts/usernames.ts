import { raise } from '../../errors.js';
import { isBlockedUsername } from '../validation/username.js';
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

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** lodash.escape, used by Rocket.Chat on usernames and emails inside messages. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML[c]);
}
