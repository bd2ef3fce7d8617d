import { describe, expect, it } from 'vitest';
import { Collection } from './collection.js';

interface U {
  _id: string;
  username?: string;
  emails: string[];
}

function users() {
  const c = new Collection<U>();
  c.addUniqueIndex('username', (u, add) => u.username && add(u.username));
  c.addUniqueIndex('email', (u, add) => u.emails.forEach((e) => add(e)));
  return c;
}

describe('Collection', () => {
  it('finds documents by any index, case-insensitively', () => {
    const c = users();
    expect(c.insert({ _id: '1', username: 'Alice', emails: ['A@x.io'] })).toBeUndefined();
    expect(c.findBy('username', 'aLiCe')?._id).toBe('1');
    expect(c.findBy('email', 'a@X.IO')?._id).toBe('1');
    expect(c.has('username', 'bob')).toBe(false);
  });

  it('refuses a clash and names the index', () => {
    const c = users();
    c.insert({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    expect(c.insert({ _id: '2', username: 'ALICE', emails: ['b@x.io'] })).toBe('username');
    expect(c.insert({ _id: '3', username: 'bob', emails: ['A@X.io'] })).toBe('email');
    expect(c.insert({ _id: '1', username: 'carol', emails: [] })).toBe('_id');
    expect(c.size).toBe(1);
  });

  it('re-indexes on update and keeps the old document on a clash', () => {
    const c = users();
    c.insert({ _id: '1', username: 'alice', emails: [] });
    c.insert({ _id: '2', username: 'bob', emails: [] });
    expect(c.update('1', (d) => ({ ...d, username: 'alicia' }))).toBeUndefined();
    expect(c.has('username', 'alice')).toBe(false);
    expect(c.findBy('username', 'ALICIA')?._id).toBe('1');
    expect(c.update('1', (d) => ({ ...d, username: 'BOB' }))).toBe('username');
    expect(c.get('1')?.username).toBe('alicia');
    expect(c.findBy('username', 'alicia')?._id).toBe('1');
    expect(c.update('nope', (d) => d)).toBe('missing');
  });

  it('frees index entries on delete and clear', () => {
    const c = users();
    c.insert({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    expect(c.delete('1')).toBe(true);
    expect(c.has('email', 'a@x.io')).toBe(false);
    c.insert({ _id: '2', username: 'alice', emails: [] });
    c.clear();
    expect(c.size).toBe(0);
    expect(c.has('username', 'alice')).toBe(false);
  });

  it('reports successful writes only to onChange', () => {
    const c = users();
    const seen: string[] = [];
    c.onChange = (e) => seen.push(e.op === 'put' ? `put ${e.doc._id} ${e.doc.username}` : e.op === 'delete' ? `delete ${e.id}` : 'clear');
    c.insert({ _id: '1', username: 'alice', emails: [] });
    c.insert({ _id: '2', username: 'ALICE', emails: [] }); // clash: nothing stored, nothing reported
    c.update('1', (d) => ({ ...d, username: 'alicia' }));
    c.update('nope', (d) => d);
    c.delete('1');
    c.delete('1');
    c.clear();
    expect(seen).toEqual(['put 1 alice', 'put 1 alicia', 'delete 1', 'clear']);
  });

  it('costs the same lookup with 200,000 documents', () => {
    const c = users();
    for (let i = 0; i < 200_000; i++) c.insert({ _id: String(i), username: `user${i}`, emails: [`u${i}@x.io`] });
    const t = performance.now();
    for (let i = 0; i < 10_000; i++) c.has('username', `USER${i * 7}`);
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('frozen: stored documents cannot change in place, updates replace them, shared copies stay intact', () => {
    const c = new Collection<U>({ frozen: true });
    c.addUniqueIndex('username', (u, add) => u.username && add(u.username));
    c.insert({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    const before = c.get('1')!;
    expect(() => {
      (before as { username?: string }).username = 'mallory';
    }).toThrow(TypeError);
    expect(() => before.emails.push('b@x.io')).toThrow(TypeError);
    expect(c.update('1', (d) => ({ ...d, username: 'alicia', emails: [...d.emails, 'b@x.io'] }))).toBeUndefined();
    expect(before).toEqual({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    expect(c.get('1')).toEqual({ _id: '1', username: 'alicia', emails: ['a@x.io', 'b@x.io'] });
    expect(Object.isFrozen(c.get('1')!.emails)).toBe(true);
    expect(c.has('username', 'alice')).toBe(false);
  });

  it('refuses a new index once there is a cold tier (the store could not check it)', () => {
    const c = users();
    c.insert({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    c.addUniqueIndex('username', (u, add) => u.username && add(u.username.trim()));
    expect(c.findBy('username', 'ALICE')?._id).toBe('1');
    c.compact({ encode: (u) => JSON.stringify(u), decode: (text) => JSON.parse(text) as U });
    expect(() => c.addUniqueIndex('nick', (u, add) => u.username && add(u.username))).toThrow(/cold tier/);
    expect(c.findBy('email', 'A@x.io')?._id).toBe('1');
  });

  it('an update that clashes on a later index keeps every index entry of the old document', () => {
    const c = users();
    c.insert({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    c.insert({ _id: '2', username: 'bob', emails: ['b@x.io'] });
    expect(c.update('1', (d) => ({ ...d, username: 'alicia', emails: ['B@x.io'] }))).toBe('email');
    expect(c.findBy('username', 'alice')?._id).toBe('1');
    expect(c.has('username', 'alicia')).toBe(false);
    expect(c.findBy('email', 'a@x.io')?._id).toBe('1');
    expect(c.insert({ _id: '3', username: 'alicia', emails: ['c@x.io'] })).toBeUndefined();
  });

  it('an insert that clashes leaves no index entry behind', () => {
    const c = users();
    c.insert({ _id: '1', username: 'alice', emails: ['a@x.io'] });
    expect(c.insert({ _id: '2', username: 'bob', emails: ['A@x.io'] })).toBe('email');
    expect(c.has('username', 'bob')).toBe(false);
    expect(c.size).toBe(1);
  });
});
