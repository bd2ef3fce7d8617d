import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { MockchatConfigError } from '../errors.js';
import { jsonErrorPosition } from './json-position.js';
import { reviveToken, type LoginToken } from '../rocketchat/tokens.js';
import { reviveUserDates, type UserDoc } from '../rocketchat/user.js';
import type { SettingValue } from '../rocketchat/settings.js';
import type { WorkspaceState } from '../rocketchat/workspace.js';
import type { CommunityState } from '../selfcommunity/community.js';
import type { ScUser } from '../selfcommunity/sc-user.js';

/** The marker that tells mockchat's file apart from any other JSON (and its version). */
export const DB_FORMAT = 'mockchat-db';
export const DB_VERSION = 1;

/**
 * The `--db` file: json-server's layout (`{"users": [{"id": …}], …}`, so `json-server FILE`
 * serves it) plus the `mockchat` marker object. `generation` pairs the file with its log: a
 * log written for an older generation is stale and ignored.
 */
export interface DbFile {
  mockchat: { format: typeof DB_FORMAT; version: number; generation: number; savedAt: string };
  users: Array<UserDoc & { id: string }>;
  tokens: Array<LoginToken & { id: string }>;
  settings: Array<{ id: string; value: SettingValue }>;
  permissions: Array<{ id: string; roles: string[] }>;
  sc_users: ScUser[];
  selfcommunity: Omit<CommunityState, 'users'>;
}

/** The state a file holds, ready for `Workspace.load` and `Community.load`. */
export interface DbState {
  workspace: WorkspaceState;
  community?: CommunityState;
  generation: number;
}

const fail = (file: string, message: string) => new MockchatConfigError('MOCKCHAT_ERR_DB', `${file}: ${message}`);

/** Read and check a db file; a broken or foreign file is a start-up error naming it (and never touched). */
export function readDbFile(file: string): DbState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw fail(file, `cannot read: ${(error as Error).message}`);
  }
  let data: Partial<DbFile>;
  try {
    data = JSON.parse(text) as Partial<DbFile>;
  } catch (error) {
    throw fail(file, `not valid JSON at ${jsonErrorPosition(text)} (${(error as Error).message}); the file was left as it is. Fix it, or start with --reset to replace it with the seed.`);
  }
  const marker = data && typeof data === 'object' ? data.mockchat : undefined;
  if (!marker || marker.format !== DB_FORMAT) {
    throw fail(file, `not a mockchat database (no "mockchat": {"format": "${DB_FORMAT}"} marker); refusing to use or overwrite it. Point --db at a new file or at one mockchat wrote.`);
  }
  if (marker.version !== DB_VERSION) throw fail(file, `format version ${marker.version} is not supported (this mockchat reads version ${DB_VERSION})`);
  for (const key of ['users', 'tokens', 'settings', 'permissions'] as const) {
    if (!Array.isArray(data[key])) throw fail(file, `"${key}" must be an array`);
  }
  const d = data as DbFile;
  d.users.forEach((u, i) => {
    // e.g. a record POSTed through `json-server FILE`: it has an id but none of a user's fields
    if (!u || typeof u._id !== 'string' || !Array.isArray(u.emails) || !Array.isArray(u.roles) || typeof u.services !== 'object') {
      throw fail(file, `users[${i}] (id ${JSON.stringify(u?.id)}) is not a mockchat user (it needs _id, emails, roles and services); add users through mockchat (POST /__mockchat/db/users), not through json-server`);
    }
  });
  return {
    generation: Number(marker.generation) || 0,
    workspace: {
      users: d.users.map(reviveUser),
      tokens: d.tokens.map(reviveToken),
      settings: Object.fromEntries(d.settings.map((s) => [s.id, s.value])),
      permissions: Object.fromEntries(d.permissions.map((p) => [p.id, p.roles])),
    },
    ...(d.selfcommunity && Array.isArray(d.sc_users) && { community: { ...d.selfcommunity, users: d.sc_users } }),
  };
}

/** Whether a file is one mockchat wrote (so `--reset` may replace it): its text names the format. */
export function looksLikeDbFile(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').includes(`"${DB_FORMAT}"`);
  } catch {
    return false;
  }
}

/** A user as stored in the file/log (dates are ISO strings there), back to a `UserDoc`. */
export function reviveUser(raw: UserDoc & { id?: string }): UserDoc {
  const { id: _id, ...user } = raw;
  return reviveUserDates(user);
}

/** The file's JSON for a state. */
export function serializeDb(state: DbState): string {
  const { workspace: ws, community } = state;
  const { users: scUsers = [], ...sc } = community ?? ({} as Partial<CommunityState>);
  const file: Partial<DbFile> = {
    mockchat: { format: DB_FORMAT, version: DB_VERSION, generation: state.generation, savedAt: new Date().toISOString() },
    users: ws.users.map((u) => ({ id: u._id, ...u })),
    tokens: ws.tokens.map((t) => ({ id: t.hashedToken, ...t })),
    settings: Object.entries(ws.settings).map(([id, value]) => ({ id, value })),
    permissions: Object.entries(ws.permissions).map(([id, roles]) => ({ id, roles })),
    ...(community && { sc_users: scUsers, selfcommunity: sc as DbFile['selfcommunity'] }),
  };
  return JSON.stringify(file);
}

/** Replace `file` atomically: write a temporary file, fsync it, rename it over, fsync the directory. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}
