import type { ColdCodec } from '../store/cold-store.js';
import { DocJson } from '../store/doc-json.js';
import type { PasswordHash } from './passwords.js';

/** A user document as the emulated workspace stores it (Rocket.Chat's `users` collection shape). */
export interface UserDoc {
  _id: string;
  createdAt: Date;
  _updatedAt: Date;
  type: 'user' | 'bot' | 'app';
  status: 'online' | 'away' | 'busy' | 'offline';
  active: boolean;
  name?: string;
  username?: string;
  emails: Array<{ address: string; verified: boolean }>;
  roles: string[];
  settings: Record<string, unknown>;
  utcOffset?: number;
  requirePasswordChange?: boolean;
  bio?: string;
  nickname?: string;
  reason?: string;
  customFields?: Record<string, unknown>;
  /** Extra top-level fields written by custom fields' `modifyRecordField`. */
  extra?: Record<string, unknown>;
  /** Never leaves the workspace: see `passwords.ts`. */
  services: { password?: PasswordHash; email2fa?: { enabled: boolean; changedAt: Date } };
}

/** The dates of a user document read back from JSON (ISO strings there), revived in place. */
export function reviveUserDates(user: UserDoc): UserDoc {
  user.createdAt = new Date(user.createdAt);
  user._updatedAt = new Date(user._updatedAt);
  const email2fa = user.services?.email2fa;
  if (email2fa) email2fa.changedAt = new Date(email2fa.changedAt);
  return user;
}

/**
 * User documents as JSON text and back, as `--db` files hold them: the codec of the cold
 * tier. A new one per bulk seed (`Workspace.bulkUsers`): its encoder (`DocJson`,
 * `JSON.stringify`'s text ~3.5× faster) caches what it wrote last, state no module keeps.
 */
export function userCodec(): ColdCodec<UserDoc> {
  const json = new DocJson();
  return {
    encode: (user) => json.encode(user),
    decode: (text) => reviveUserDates(JSON.parse(text) as UserDoc),
  };
}

/** The fields `users.register` returns (limitedUserFieldsToExclude applied). */
export function limitedView(user: UserDoc): Record<string, unknown> {
  // Optional fields assigned in order: conditional spreads are slow in V8 and this is every registration's answer.
  const view: Record<string, unknown> = { _id: user._id, type: user.type, status: user.status, active: user.active };
  if (user.name !== undefined) view.name = user.name;
  if (user.username !== undefined) view.username = user.username;
  if (user.utcOffset !== undefined) view.utcOffset = user.utcOffset;
  return view;
}

/** The full document minus secrets: what `users.create` and admin `users.info` return. */
export function fullView(user: UserDoc): Record<string, unknown> {
  const { services: _services, extra, ...rest } = user;
  return { ...rest, ...extra };
}

/** The user's own view (`getUserInfo`): `/api/v1/me` and `data.me` of `login`. */
export function meView(user: UserDoc, preferences: Record<string, unknown>): Record<string, unknown> {
  const verified = user.emails.find((e) => e.verified);
  return {
    _id: user._id,
    ...(user.username !== undefined && { username: user.username }),
    ...(user.name !== undefined && { name: user.name }),
    emails: user.emails,
    ...(user.emails.length > 0 && { email: (verified ?? user.emails[0]).address }),
    status: user.status,
    statusConnection: 'offline',
    active: user.active,
    roles: user.roles,
    utcOffset: user.utcOffset ?? 0,
    ...(user.customFields && { customFields: user.customFields }),
    ...(user.requirePasswordChange !== undefined && { requirePasswordChange: user.requirePasswordChange }),
    settings: { ...user.settings, preferences: { ...preferences, ...((user.settings.preferences as object) ?? {}) } },
    services: {
      ...(user.services.password && { password: { exists: true } }),
      ...(user.services.email2fa && { email2fa: { enabled: user.services.email2fa.enabled } }),
    },
    isOAuthUser: false,
    avatarUrl: `/avatar/${user.username ?? user._id}`,
  };
}
