import { raise } from '../../errors.js';
import { verifyPassword, type PasswordInput } from '../passwords.js';
import { checkLoginOptions } from '../validation/login-check.js';
import type { UserDoc } from '../user.js';
import type { Workspace } from '../workspace.js';

export type UserSelector = { username: string } | { email: string } | { id: string };

/** What the Meteor `login` method accepts (the handlers mockchat emulates). */
export type LoginRequest = { user: UserSelector; password: PasswordInput } | { resume: string };

export interface LoginResult {
  id: string;
  token: string;
  tokenExpires: Date;
  type: 'password' | 'resume';
}

const DAY = 86_400_000;
const MAX_TRACKED_LOGINS = 100_000;
const validateDetails = { function: 'Accounts.validateLoginAttempt' };

/**
 * The Meteor `login` method with Rocket.Chat's hooks: password (plain or SHA-256 digest)
 * and resume handlers, failed-login blocking, and `validateLoginAttempt` (inactive users,
 * unverified emails). Malformed requests fail Meteor's `check()` (a Match.Error); every
 * handler failure is the ambiguous `User not found [401]`.
 */
export function login(ws: Workspace, request: unknown): LoginResult {
  const req = checkLoginOptions(request);
  if (req.handler === 'resume') return resume(ws, req.resume);
  // Meteor's _runLoginHandlers *returns* "Unrecognized options for login request" [400] as the
  // result's error, and Rocket.Chat's loginErrorMessageOverride turns every Meteor.Error there
  // into the ambiguous 401, so a client never sees the 400.
  if (req.handler === 'none') throw raise('LOGIN_FAILED');

  const key = selectorKey(req.user);
  assertNotBlocked(ws, key);
  const user = findUser(ws, req.user);
  if (!user || !verifyPassword(user.services.password, req.password)) {
    recordFailure(ws, key);
    throw raise('LOGIN_FAILED');
  }
  ws.failedLogins.delete(key);
  return issue(ws, user, 'password');
}

function resume(ws: Workspace, token: string): LoginResult {
  const found = ws.tokens.find(token);
  const user = found && ws.users.get(found.userId);
  if (!found || !user || found.when.getTime() + expiryMs(ws) < ws.clock()) throw raise('LOGIN_FAILED');
  validateLoginAttempt(ws, user);
  return { id: user._id, token, tokenExpires: new Date(found.when.getTime() + expiryMs(ws)), type: 'resume' };
}

function issue(ws: Workspace, user: UserDoc, type: LoginResult['type']): LoginResult {
  validateLoginAttempt(ws, user);
  const { token, when } = ws.tokens.issue(user._id, ws.ids, ws.now());
  return { id: user._id, token, tokenExpires: new Date(when.getTime() + expiryMs(ws)), type };
}

function validateLoginAttempt(ws: Workspace, user: UserDoc): void {
  if (!user.active) throw raise('USER_NOT_ACTIVATED', {}, validateDetails);
  if (ws.settings.bool('Accounts_EmailVerification') && !user.roles.includes('admin') && user.emails.length > 0 && !user.emails.some((e) => e.verified)) {
    throw raise('EMAIL_NOT_VERIFIED', {}, validateDetails);
  }
}

/** The user behind a login token, or undefined (REST `X-User-Id`/`X-Auth-Token` authentication). */
export function authenticate(ws: Workspace, userId: string | undefined, token: string | undefined): UserDoc | undefined {
  if (!userId || !token) return undefined;
  const found = ws.tokens.find(token);
  if (!found || found.userId !== userId || found.when.getTime() + expiryMs(ws) < ws.clock()) return undefined;
  return ws.users.get(userId);
}

export function logout(ws: Workspace, token: string | undefined): void {
  if (token) ws.tokens.revoke(token);
}

function expiryMs(ws: Workspace): number {
  return (ws.settings.number('Accounts_LoginExpiration') || 90) * DAY;
}

function findUser(ws: Workspace, selector: UserSelector): UserDoc | undefined {
  if ('id' in selector) return ws.users.get(selector.id);
  if ('username' in selector) return ws.findByUsername(selector.username);
  return ws.findByEmail(selector.email);
}

const selectorKey = (s: UserSelector) => ('id' in s ? s.id : 'username' in s ? s.username : s.email).toLowerCase();

function assertNotBlocked(ws: Workspace, key: string): void {
  const entry = ws.failedLogins.get(key);
  if (entry && entry.until > ws.clock()) throw raise('LOGIN_BLOCKED_USER', {}, validateDetails);
}

function recordFailure(ws: Workspace, key: string): void {
  const s = ws.settings;
  if (!s.bool('Block_Multiple_Failed_Logins_Enabled') || !s.bool('Block_Multiple_Failed_Logins_By_User')) return;
  const window = s.number('Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes') * 60_000;
  const now = ws.clock();
  const entry = ws.failedLogins.get(key);
  const fresh = !entry || now - entry.since > window;
  const count = fresh ? 1 : entry.count + 1;
  const blocked = count >= s.number('Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User');
  // Bounded: a flood of unknown usernames cannot grow memory without limit.
  if (fresh && ws.failedLogins.size >= MAX_TRACKED_LOGINS) ws.failedLogins.delete(ws.failedLogins.keys().next().value!);
  ws.failedLogins.set(key, { count, since: fresh ? now : entry.since, until: blocked ? now + window : 0 });
}
