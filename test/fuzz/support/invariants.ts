import { fold } from '../../../src/store/collection.js';
import type { Community, Mockchat, UserDoc, Workspace } from '../../../src/index.js';
import type { ScUser } from '../../../src/selfcommunity/sc-user.js';

/**
 * The store's invariants, for the main tenant and every sandbox: usernames and emails unique
 * once case-folded, every user a valid document, and the unique indexes agreeing with the
 * documents (each key finds its own document). Returns the violations (empty when all hold).
 */
export function storeViolations(mock: Mockchat): string[] {
  const tenants = [{ name: 'main', workspace: mock.workspace, community: mock.selfcommunity }, ...mock.sandboxes().map((n) => ({ name: n, ...pick(mock.sandbox(n)) }))];
  return tenants.flatMap((t) => [...workspaceViolations(t.workspace).map((v) => `${t.name}: ${v}`), ...communityViolations(t.community).map((v) => `${t.name} (SelfCommunity): ${v}`)]);
}

const pick = (t: { workspace: Workspace; community: Community }) => ({ workspace: t.workspace, community: t.community });

function workspaceViolations(ws: Workspace): string[] {
  const out: string[] = [];
  const names = new Map<string, string>();
  const emails = new Map<string, string>();
  let count = 0;
  for (const u of ws.users.values()) {
    count += 1;
    out.push(...userDocViolations(u));
    if (u.username !== undefined) {
      const key = fold(u.username);
      if (names.has(key)) out.push(`username ${u.username} held by ${names.get(key)} and ${u._id}`);
      names.set(key, u._id);
      if (ws.findByUsername(u.username.toUpperCase()) !== u) out.push(`username index does not find ${u._id} by ${u.username}`);
    }
    for (const e of u.emails) {
      const key = fold(e.address);
      if (emails.has(key)) out.push(`email ${e.address} held by ${emails.get(key)} and ${u._id}`);
      emails.set(key, u._id);
      if (ws.findByEmail(e.address.toUpperCase()) !== u) out.push(`email index does not find ${u._id} by ${e.address}`);
    }
  }
  if (count !== ws.users.size) out.push(`users.size ${ws.users.size} but ${count} documents`);
  return out;
}

function userDocViolations(u: UserDoc): string[] {
  const bad: string[] = [];
  if (typeof u._id !== 'string' || u._id === '') bad.push('_id');
  if (u.username !== undefined && (typeof u.username !== 'string' || u.username.trim() === '')) bad.push('username');
  if (!Array.isArray(u.emails) || u.emails.some((e) => typeof e.address !== 'string' || !e.address.includes('@') || typeof e.verified !== 'boolean')) bad.push('emails');
  if (!Array.isArray(u.roles) || u.roles.some((r) => typeof r !== 'string')) bad.push('roles');
  if (!(u.createdAt instanceof Date) || Number.isNaN(u.createdAt.getTime())) bad.push('createdAt');
  if (typeof u.active !== 'boolean') bad.push('active');
  if (u.name !== undefined && typeof u.name !== 'string') bad.push('name');
  if (u.services.password !== undefined && typeof u.services.password !== 'object') bad.push('services.password');
  return bad.length ? [`user ${u._id} invalid: ${bad.join(', ')}`] : [];
}

function communityViolations(c: Community): string[] {
  const out: string[] = [];
  const names = new Map<string, string>();
  const emails = new Map<string, string>();
  let count = 0;
  for (const u of c.users.values()) {
    count += 1;
    out.push(...scUserViolations(u));
    const name = fold(u.username);
    if (names.has(name)) out.push(`username ${u.username} held by ${names.get(name)} and ${u._id}`);
    names.set(name, u._id);
    if (c.users.findBy('username', u.username) !== u) out.push(`username index does not find ${u._id}`);
    if (u.email) {
      const email = fold(u.email);
      if (emails.has(email)) out.push(`email ${u.email} held by ${emails.get(email)} and ${u._id}`);
      emails.set(email, u._id);
      if (c.users.findBy('email', u.email) !== u) out.push(`email index does not find ${u._id}`);
    }
  }
  if (count !== c.users.size) out.push(`users.size ${c.users.size} but ${count} documents`);
  return out;
}

function scUserViolations(u: ScUser): string[] {
  const bad: string[] = [];
  if (!Number.isInteger(u.id) || String(u.id) !== u._id) bad.push('id');
  if (typeof u.username !== 'string' || u.username === '') bad.push('username');
  if (typeof u.email !== 'string') bad.push('email');
  if (!['a', 'b', 'd', 'u'].includes(u.status)) bad.push('status');
  if (typeof u.password !== 'object' || u.password === null) bad.push('password');
  return bad.length ? [`user ${u._id} invalid: ${bad.join(', ')}`] : [];
}
