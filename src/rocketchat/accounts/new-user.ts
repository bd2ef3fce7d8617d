import { raise } from '../../errors.js';
import { fold } from '../../json-values.js';
import { hashDigest, hashPassword } from '../passwords.js';
import type { UserDoc } from '../user.js';
import type { Workspace } from '../workspace.js';

export interface NewUserInput {
  email?: string;
  password?: string;
  /** The password as its SHA-256 hex digest (the seeder hashes one shared password for many users). */
  passwordDigest?: string;
  name?: string;
  username?: string;
  reason?: string;
  roles?: string[];
  active?: boolean;
  verified?: boolean;
  type?: UserDoc['type'];
}

const NO_SETTINGS: UserDoc['settings'] = Object.freeze({});

/**
 * `Accounts.createUser` with Rocket.Chat's `onCreateUser`/`insertUserDoc` hooks: status
 * offline, active unless manual approval is on, default roles, email 2FA auto opt-in.
 * A taken email or username fails with Meteor's ambiguous 403, as Meteor 3 does.
 */
export function insertUser(ws: Workspace, input: NewUserInput, prepare?: (user: UserDoc) => void): UserDoc {
  const now = ws.now();
  // Fields are added one by one in the document's key order (conditional object spreads
  // were a slow path on every registration).
  const user = {
    _id: ws.ids.id(),
    createdAt: now,
    _updatedAt: now,
    type: input.type ?? 'user',
    status: 'offline',
    active: input.active ?? !ws.settings.bool('Accounts_ManuallyApproveNewUsers'),
  } as UserDoc;
  if (input.name !== undefined) user.name = input.name;
  if (input.reason) user.reason = input.reason;
  if (input.username) user.username = input.username;
  user.emails = input.email ? [{ address: input.email, verified: input.verified ?? false }] : [];
  // Stored users are frozen, so every user without roles of its own shares the default
  // roles' array and one empty settings object (fewer heap objects per user for the GC). A
  // prepare hook may change the document before it is frozen (custom fields add roles), so it
  // gets its own roles and settings.
  if (input.roles && input.roles.length > 0) user.roles = [...input.roles];
  else user.roles = (prepare ? [...ws.defaultRoles()] : ws.defaultRoles()) as string[];
  user.settings = prepare ? {} : NO_SETTINGS;
  const services: UserDoc['services'] = {};
  if (input.password !== undefined) services.password = passwordOf(ws, input.password);
  if (input.passwordDigest !== undefined) services.password = hashDigest(input.passwordDigest, ws.ids.secret(16));
  services.email2fa = { enabled: true, changedAt: now };
  user.services = services;
  if (prepare) prepare(user);
  else freezeNewUser(user);
  if (ws.users.insert(user)) throw raise('DUPLICATE_ACCOUNT');
  return user;
}

/**
 * Freeze a document built above, part by part, children first: the collection stores users
 * deep-frozen, and its generic walk (`deepFreeze`) stops at a frozen object. Knowing the
 * shape saves that walk on every registration. A `prepare` hook may add any field, so its
 * documents take the generic walk instead.
 */
function freezeNewUser(user: UserDoc): void {
  for (const email of user.emails) Object.freeze(email);
  Object.freeze(user.emails);
  // The shared settings object and the clock's Dates are frozen already.
  Object.freeze(user.roles);
  const { password, email2fa } = user.services;
  if (password) Object.freeze(password);
  if (email2fa) Object.freeze(email2fa);
  Object.freeze(user.services);
  Object.freeze(user);
}

/** A stored password for `password` (salted, never plaintext), as `insertUser` stores it. */
export function passwordOf(ws: Workspace, password: string): NonNullable<UserDoc['services']['password']> {
  return hashPassword(password, ws.ids.secret(16));
}

/** How Rocket.Chat stores an address given at sign-up: trimmed, lower-cased. */
export const normalizeEmail = (email: string): string => fold(email).trim();

/** Apply a change to a stored user and bump `_updatedAt`. */
export function updateUser(ws: Workspace, userId: string, change: (user: UserDoc) => void): UserDoc {
  const clash = ws.users.update(userId, (draft) => {
    change(draft);
    draft._updatedAt = ws.now();
    return draft;
  });
  if (clash === 'missing') throw raise('USER_NOT_FOUND');
  if (clash) throw raise('DUPLICATE_ACCOUNT');
  return ws.users.get(userId)!;
}
