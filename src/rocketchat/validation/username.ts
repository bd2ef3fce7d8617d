import { fold } from '../../json-values.js';
import type { Settings } from '../settings.js';

const DEFAULT_PATTERN = '[0-9a-zA-Z-_.]+';

/** `UTF8_User_Names_Validation`, anchored; an invalid pattern falls back to the default, as Rocket.Chat does. */
export function usernamePattern(settings: Settings): RegExp {
  return settings.derived('UTF8_User_Names_Validation', (value) => {
    try {
      return new RegExp(`^${value || DEFAULT_PATTERN}$`);
    } catch {
      return new RegExp(`^${DEFAULT_PATTERN}$`);
    }
  });
}

export function isValidUsername(settings: Settings, username: string): boolean {
  return typeof username === 'string' && usernamePattern(settings).test(username);
}

/** Usernames nobody may take: `all`, `here`, the blocked list and the system blocked list (case-insensitive). */
export function isBlockedUsername(settings: Settings, username: string): boolean {
  const lower = fold(username);
  if (lower === 'all' || lower === 'here') return true;
  return settings.lowerCaseList('Accounts_BlockedUsernameList').has(lower) || settings.lowerCaseList('Accounts_SystemBlockedUsernameList').has(lower);
}
