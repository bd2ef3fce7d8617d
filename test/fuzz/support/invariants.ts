import { fold } from '../../../src/json-values.js';
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

/** One unique, case-folded field of a collection: the keys each document holds, and the index lookup. */
interface UniqueField<T> {
  label: string;
  keys: (doc: T) => string[];
  find: (key: string) => T | undefined;
}

/**
 * Uniqueness and index agreement for any collection: no folded key held twice, each key finds
 * its own document through the index (also in another case), and `size` counts the documents.
 */
function collectionViolations<T extends { _id: string }>(docs: Iterable<T>, size: number, fields: UniqueField<T>[], docViolations: (doc: T) => string[]): string[] {
  const out: string[] = [];
  const holders = fields.map(() => new Map<string, string>());
  let count = 0;
  for (const doc of docs) {
    count += 1;
    out.push(...docViolations(doc));
    fields.forEach((field, i) => {
      for (const key of field.keys(doc)) {
        const folded = fold(key);
        if (holders[i].has(folded)) out.push(`${field.label} ${key} held by ${holders[i].get(folded)} and ${doc._id}`);
        holders[i].set(folded, doc._id);
        if (field.find(key.toUpperCase()) !== doc) out.push(`${field.label} index does not find ${doc._id} by ${key}`);
      }
    });
  }
  if (count !== size) out.push(`users.size ${size} but ${count} documents`);
  return out;
}

function workspaceViolations(ws: Workspace): string[] {
  return collectionViolations(ws.users.values(), ws.users.size, [
    { label: 'username', keys: (u) => (u.username === undefined ? [] : [u.username]), find: (k) => ws.findByUsername(k) },
    { label: 'email', keys: (u) => u.emails.map((e) => e.address), find: (k) => ws.findByEmail(k) },
  ], userDocViolations);
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
  return collectionViolations(c.users.values(), c.users.size, [
    { label: 'username', keys: (u) => [u.username], find: (k) => c.users.findBy('username', k) },
    { label: 'email', keys: (u) => (u.email ? [u.email] : []), find: (k) => c.users.findBy('email', k) },
  ], scUserViolations);
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
