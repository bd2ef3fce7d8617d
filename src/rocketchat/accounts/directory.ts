import { raise } from '../../errors.js';
import type { UserDoc } from '../user.js';
import type { Workspace } from '../workspace.js';

/** `users.info`: by id or username (either matches either), by the caller's rights. */
export function userInfo(ws: Workspace, callerId: string, query: Record<string, string>): Record<string, unknown> {
  const value = query.userId || query.username || query.importId;
  if (!value) throw raise('INVALID_SEARCH_QUERY');
  const user = ws.users.get(value) ?? ws.findByUsername(value);
  if (!user || query.importId) throw raise('USER_NOT_FOUND_DOT');
  const full = callerId === user._id || ws.can(callerId, 'view-full-other-user-info');
  return {
    _id: user._id,
    ...(user.name !== undefined && { name: user.name }),
    ...(user.username !== undefined && { username: user.username }),
    ...(user.nickname && { nickname: user.nickname }),
    status: user.status,
    utcOffset: user.utcOffset ?? 0,
    type: user.type,
    active: user.active,
    ...(user.bio && { bio: user.bio }),
    ...(user.reason && { reason: user.reason }),
    ...(full && {
      emails: user.emails,
      statusConnection: 'offline',
      createdAt: user.createdAt,
      roles: user.roles,
      ...(user.requirePasswordChange !== undefined && { requirePasswordChange: user.requirePasswordChange }),
      ...(user.customFields && { customFields: user.customFields }),
    }),
    canViewAllInfo: full,
  };
}

export interface ListOptions {
  count: number;
  offset: number;
  /** Case-insensitive substring over username and name (and email for privileged callers). */
  text?: string;
}

/** `users.list`: sorted by username, paginated; fields depend on `view-full-other-user-info`. */
export function listUsers(ws: Workspace, callerId: string, options: ListOptions) {
  const full = ws.can(callerId, 'view-full-other-user-info');
  const needle = options.text?.toLowerCase();
  const matches: UserDoc[] = [];
  for (const u of ws.users.values()) {
    if (!u.username && !u.name) continue;
    if (needle && !matchesText(u, needle, full)) continue;
    matches.push(u);
  }
  matches.sort((a, b) => (a.username ?? '').localeCompare(b.username ?? ''));
  const page = matches.slice(options.offset, options.offset + options.count);
  const users = page.map((u) => ({
    _id: u._id,
    ...(u.name !== undefined && { name: u.name }),
    ...(u.username !== undefined && { username: u.username }),
    ...(full && { emails: u.emails, roles: u.roles }),
    status: u.status,
    active: u.active,
    type: u.type,
    ...(u.name !== undefined && { nameInsensitive: u.name.toLowerCase() }),
  }));
  return { users, count: users.length, offset: options.offset, total: matches.length };
}

function matchesText(u: UserDoc, needle: string, withEmail: boolean): boolean {
  return (
    (u.username ?? '').toLowerCase().includes(needle) ||
    (u.name ?? '').toLowerCase().includes(needle) ||
    (withEmail && u.emails.some((e) => e.address.includes(needle)))
  );
}

/** `users.delete` with `getUserFromParams`. */
export function deleteUser(ws: Workspace, params: { userId?: unknown; username?: unknown }): void {
  const userId = typeof params.userId === 'string' ? params.userId.trim() : '';
  const username = typeof params.username === 'string' ? params.username.trim() : '';
  if (!userId && !username) throw raise('USER_PARAM_NOT_PROVIDED');
  const user = userId ? ws.users.get(userId) : ws.findByUsername(username);
  if (!user) throw raise('USER_PARAM_INVALID');
  removeUser(ws, user._id);
}

/** Delete a user and every login token it holds; false when there is no such user. */
export function removeUser(ws: Workspace, userId: string): boolean {
  if (!ws.users.delete(userId)) return false;
  ws.tokens.revokeUser(userId);
  return true;
}

/**
 * `generateUsernameSuggestion`: slug of the full name, initials variants, then verified
 * email local parts; the first free one, else `<first>-N`.
 */
export function usernameSuggestion(ws: Workspace, user: UserDoc): string {
  const slug = (x: string) => x.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, '.').replace(/[^0-9a-z-_.]/g, '');
  const candidates: string[] = [];
  const name = (user.name ?? '').trim();
  if (name) {
    candidates.push(slug(name));
    const parts = name.split(/\s+/);
    if (parts.length > 1) {
      const first = parts[0];
      const last = parts[parts.length - 1];
      candidates.push(slug(first[0] + last), slug(first + last[0]));
    }
  }
  for (const e of user.emails.filter((x) => x.verified)) candidates.push(slug(e.address.split('@')[0]));
  const free = (u: string) => !!u && u !== 'all' && !ws.users.has('username', u);
  const found = candidates.find(free);
  if (found) return found;
  const base = candidates.find(Boolean) ?? 'user';
  for (let i = 1; ; i++) if (free(`${base}-${i}`)) return `${base}-${i}`;
}
