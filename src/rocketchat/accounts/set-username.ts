import { raise } from '../../errors.js';
import { checkString } from '../validation/check.js';
import { isValidUsername } from '../validation/username.js';
import type { Workspace } from '../workspace.js';
import { usernameSuggestion } from './directory.js';
import { updateUser } from './new-user.js';
import { checkUsernameAvailability, escapeHtml } from './usernames.js';

/**
 * The `setUsername` method (app/lib/server/methods/setUsername.ts → setUsernameWithValidation,
 * 7.x): what the sign-up form calls right after `registerUser` and `login`. Returns the username.
 */
export function setUsernameMethod(ws: Workspace, userId: string | undefined, username: unknown): string {
  checkString(username);
  if (!userId) throw raise('INVALID_USER', {}, { method: 'setUsername' });
  if (!username) throw raise('INVALID_USERNAME', {}, { method: 'setUsername' });
  const user = ws.users.get(userId);
  if (!user) throw raise('INVALID_USER', {}, { method: 'setUsername' });
  if (user.username && !ws.settings.bool('Accounts_AllowUsernameChange')) throw raise('USERNAME_CHANGE_NOT_ALLOWED');
  if (user.username?.toLowerCase() === username.toLowerCase()) return username;
  if (!isValidUsername(ws.settings, username)) throw raise('USERNAME_INVALID_CHARS', { username: escapeHtml(username) });
  if (!checkUsernameAvailability(ws, username)) {
    throw raise('USERNAME_TAKEN', { username: escapeHtml(username) }, { method: 'setUsername', field: username });
  }
  updateUser(ws, userId, (u) => {
    u.username = username;
  });
  return username;
}

/** The `getUsernameSuggestion` method: needs a logged-in user. */
export function getUsernameSuggestion(ws: Workspace, userId: string | undefined): string {
  const user = userId ? ws.users.get(userId) : undefined;
  if (!user) throw raise('INVALID_USER', {}, { method: 'getUsernameSuggestion' });
  return usernameSuggestion(ws, user);
}

/** The `checkRegistrationSecretURL` method: `check(hash, String)`, then compare with the setting. */
export function checkRegistrationSecretURL(ws: Workspace, hash: unknown): boolean {
  checkString(hash);
  return hash === ws.settings.string('Accounts_RegistrationForm_SecretURL');
}
