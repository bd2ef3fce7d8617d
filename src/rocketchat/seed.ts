import { readSeedJson } from '../store/read-json-file.js';
import { seededIds } from '../store/ids.js';
import { insertUser } from './accounts/new-user.js';
import { digestOf } from './passwords.js';
import type { SettingValue } from './settings.js';
import type { UserDoc } from './user.js';
import type { Workspace } from './workspace.js';

export interface SeedUser {
  username: string;
  name: string;
  email: string;
  password: string;
  roles?: string[];
  verified?: boolean;
  active?: boolean;
  type?: UserDoc['type'];
}

export interface SeedFile {
  settings?: Record<string, SettingValue>;
  permissions?: Record<string, string[]>;
  users?: SeedUser[];
  generated?: { emailDomain?: string; password?: string; roles?: string[] };
}

export function readSeedFile(file: string): SeedFile {
  return readSeedJson<SeedFile>(file, 'seed file');
}

/** Insert the fixed seed users; `{{adminPassword}}` is replaced by the configured admin password. */
export function seedFixedUsers(ws: Workspace, seed: SeedFile, seedNumber: number, adminPassword: string): void {
  const ids = ws.ids;
  ws.ids = seededIds(seedNumber);
  try {
    for (const u of seed.users ?? []) {
      insertUser(ws, {
        username: u.username,
        name: u.name,
        email: u.email.toLowerCase(),
        password: u.password === '{{adminPassword}}' ? adminPassword : u.password,
        roles: u.roles,
        verified: u.verified ?? true,
        active: u.active ?? true,
        type: u.type,
      });
    }
  } finally {
    ws.ids = ids;
  }
}

/**
 * Add `count` users made with @faker-js/faker, deterministic from `seedNumber`: the same
 * seed gives the same ids, names, usernames and emails. Faker is loaded only when needed.
 */
export async function seedGeneratedUsers(ws: Workspace, seed: SeedFile, seedNumber: number, count: number): Promise<void> {
  if (count <= 0) return;
  const { Faker, en } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [en], seed: seedNumber });
  const ids = seededIds(seedNumber + 1);
  const domain = seed.generated?.emailDomain ?? 'example.com';
  const passwordDigest = digestOf(seed.generated?.password ?? 'password');
  const roles = seed.generated?.roles ?? ['user'];
  const generate = () => {
    for (let i = 0; i < count; i++) {
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      const base = `${firstName}.${lastName}`.normalize('NFKD').replace(/[^0-9a-zA-Z-_.]/g, '').toLowerCase() || 'user';
      let username = base;
      for (let n = 2; ws.users.has('username', username); n++) username = `${base}${n}`;
      insertUser(ws, { username, name: `${firstName} ${lastName}`, email: `${username}@${domain}`, passwordDigest, roles, verified: true, active: true });
    }
  };
  const saved = ws.ids;
  ws.ids = ids;
  try {
    // A bulk seed is held off the V8 heap: with a million users in Maps, every young-generation
    // GC walked ~4,000 old-space pages and the p99 of every request doubled (docs/performance.md).
    if (ws.users.size + count >= COLD_USERS_FROM) ws.bulkUsers(count, generate);
    else generate();
  } finally {
    ws.ids = saved;
  }
}

/** From this many users, a generated seed is compacted into the cold tier (`Workspace.bulkUsers`). */
export const COLD_USERS_FROM = 10_000;
