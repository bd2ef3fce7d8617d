import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Collection } from './collection.js';
import { hashKey, KeyTable } from './key-table.js';

interface U {
  _id: string;
  username?: string;
  emails: string[];
  at?: Date;
}

const codec = {
  encode: (u: U) => JSON.stringify(u),
  decode: (text: string) => {
    const u = JSON.parse(text) as U;
    if (u.at !== undefined) u.at = new Date(u.at);
    return u;
  },
};

function users(docs: U[] = [], frozen = true) {
  const c = new Collection<U>({ frozen });
  c.addUniqueIndex('username', (u, add) => u.username && add(u.username));
  c.addUniqueIndex('email', (u, add) => u.emails.forEach((e) => add(e)));
  for (const d of docs) expect(c.insert(structuredClone(d))).toBeUndefined();
  return c;
}

const seed = (n: number): U[] => Array.from({ length: n }, (_, i) => ({ _id: `id${i}`, username: `User${i}`, emails: [`u${i}@x.io`, `alt${i}@x.io`], at: new Date(i) }));
const plain = <T>(value: T) => JSON.parse(JSON.stringify(value)) as T;

describe('KeyTable', () => {
  it('finds every key it holds, and nothing else', () => {
    const table = new KeyTable(5000);
    for (let i = 0; i < 5000; i++) table.add(`key-${i}`, i);
    for (let i = 0; i < 5000; i++) expect(table.find(`key-${i}`, (r) => r === i)).toBe(i);
    expect(table.find('key-5000', () => true)).toBe(-1);
    // `matches` decides: a refused candidate is skipped, as a replaced record is.
    expect(table.find('key-7', () => false)).toBe(-1);
  });

  it('grows when more keys come than it was sized for (documents with several keys)', () => {
    const table = new KeyTable(2);
    for (let i = 0; i < 1000; i++) table.add(`k${i}`, i);
    for (let i = 0; i < 1000; i += 37) expect(table.find(`k${i}`, (r) => r === i)).toBe(i);
    expect(table.find('k1000', () => true)).toBe(-1);
  });

  it('keeps looking past candidates that share a hash, and past other keys in the same slot', () => {
    const table = new KeyTable(4);
    table.add('same', 1);
    table.add('same', 2);
    expect(table.find('same', (r) => r === 2)).toBe(2);
    // Two different keys landing in the same slot of a 16-slot table: each is found by its own hash.
    const keys = Array.from({ length: 200 }, (_, i) => `key${i}`);
    const first = keys[0];
    const other = keys.find((k) => k !== first && (hashKey(k) & 15) === (hashKey(first) & 15))!;
    const small = new KeyTable(4);
    small.add(first, 10);
    small.add(other, 20);
    expect(small.find(other, () => true)).toBe(20);
    expect(small.find(first, () => true)).toBe(10);
    expect(hashKey('a')).not.toBe(hashKey('b'));
  });

  it('spreads similar keys over the slots (the low bits pick the slot)', () => {
    const slots = new Set(Array.from({ length: 10_000 }, (_, i) => hashKey(`user.name${i}@example.com`) & 0x3fff));
    // 10,000 keys thrown at random into 16,384 slots fill ~7,500 of them.
    expect(slots.size).toBeGreaterThan(7_000);
  });
});

describe('Collection cold tier (compact)', () => {
  it('answers every read as before compaction: size, get, findBy, has, order, dates, frozen', () => {
    const c = users(seed(50));
    const before = plain([...c.values()]);
    c.compact(codec);
    expect(c.size).toBe(50);
    expect(plain([...c.values()])).toEqual(before);
    expect(c.get('id7')?.username).toBe('User7');
    expect(c.get('id7')?.at).toEqual(new Date(7));
    expect(Object.isFrozen(c.get('id7')) && Object.isFrozen(c.get('id7')?.emails)).toBe(true);
    expect(c.findBy('username', 'user12')?._id).toBe('id12');
    expect(c.findBy('email', 'ALT3@x.io')?._id).toBe('id3');
    expect(c.has('username', 'USER49')).toBe(true);
    expect(c.has('username', 'user50')).toBe(false);
    expect(c.get('nope')).toBeUndefined();
  });

  it('takes bulk inserts past the size it was made for, and still finds every document', () => {
    const c = users(seed(3));
    c.beginColdInserts(codec, 0);
    for (const d of seed(200).slice(3)) expect(c.insert(d)).toBeUndefined();
    c.endColdInserts();
    expect(c.coldPart()?.live).toBe(200);
    expect(c.coldPart()?.gone).toHaveLength(200);
    expect([...c.hot()]).toHaveLength(0);
    for (let i = 0; i < 200; i += 7) expect(c.findBy('email', `ALT${i}@x.io`)?._id).toBe(`id${i}`);
    expect(c.insert({ _id: 'n', username: 'user150', emails: [] })).toBe('username');
  });

  it('refuses inserts that clash with a cold document, on any index', () => {
    const c = users(seed(10));
    c.compact(codec);
    expect(c.insert({ _id: 'id3', emails: [] })).toBe('_id');
    expect(c.insert({ _id: 'n1', username: 'USER3', emails: [] })).toBe('username');
    expect(c.insert({ _id: 'n2', username: 'fresh', emails: ['ALT4@X.IO'] })).toBe('email');
    expect(c.insert({ _id: 'n3', username: 'fresh', emails: ['fresh@x.io'] })).toBeUndefined();
    expect(c.size).toBe(11);
    expect([...c.values()].at(-1)?._id).toBe('n3');
  });

  it('moves an updated document to the hot tier in its place, and frees its old keys', () => {
    const c = users(seed(5));
    c.compact(codec);
    expect(c.update('id2', (d) => ({ ...d, username: 'renamed' }))).toBeUndefined();
    expect(c.findBy('username', 'RENAMED')?._id).toBe('id2');
    expect(c.has('username', 'user2')).toBe(false);
    expect([...c.values()].map((u) => u.username)).toEqual(['User0', 'User1', 'renamed', 'User3', 'User4']);
    expect(c.insert({ _id: 'n', username: 'user2', emails: [] })).toBeUndefined();
    expect(c.size).toBe(6);
    // A clash leaves the cold document where it was.
    expect(c.update('id3', (d) => ({ ...d, username: 'user4' }))).toBe('username');
    expect(c.findBy('username', 'user3')?._id).toBe('id3');
    expect(c.update('missing', (d) => d)).toBe('missing');
  });

  it('deletes cold and moved documents', () => {
    const c = users(seed(4));
    c.compact(codec);
    expect(c.delete('id1')).toBe(true);
    expect(c.delete('id1')).toBe(false);
    c.update('id2', (d) => ({ ...d, emails: ['new@x.io'] }));
    expect(c.delete('id2')).toBe(true);
    expect(c.size).toBe(2);
    expect([...c.values()].map((u) => u._id)).toEqual(['id0', 'id3']);
    expect(c.insert({ _id: 'id1', username: 'user1', emails: ['u1@x.io'] })).toBeUndefined();
    expect(c.findBy('email', 'u1@x.io')?._id).toBe('id1');
    // A document inserted again under a deleted moved `_id` is new: it goes last.
    expect(c.insert({ _id: 'id2', username: 'again', emails: [] })).toBeUndefined();
    expect([...c.values()].map((u) => u._id)).toEqual(['id0', 'id3', 'id1', 'id2']);
  });

  it('shares the store between copies, each with its own changes (reset, sandboxes)', () => {
    const a = users(seed(6));
    a.compact(codec);
    a.update('id0', (d) => ({ ...d, username: 'changed' }));
    const part = a.coldPart()!;
    expect(part.live).toBe(5);
    const hot = [...a.hot()];
    const b = users();
    b.attachCold(part);
    for (const d of hot) expect(b.insert(d)).toBeUndefined();
    expect(plain([...b.values()])).toEqual(plain([...a.values()]));
    b.delete('id5');
    a.update('id4', (d) => ({ ...d, username: 'only-in-a' }));
    expect(a.get('id5')).toBeDefined();
    expect(b.findBy('username', 'user4')?._id).toBe('id4');
    expect(b.size).toBe(5);
    expect(b.coldPart()?.live).toBe(4);
    expect(a.coldPart()?.live).toBe(4);
    expect(a.size).toBe(6);
  });

  it('behaves exactly like an uncompacted collection under any sequence of writes', () => {
    const names = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), id: fc.integer({ min: 0, max: 9 }), name: fc.constantFrom(...names), mail: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('update' as const), id: fc.integer({ min: 0, max: 9 }), name: fc.constantFrom(...names), mail: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const start = [0, 1, 2, 3].map((i) => ({ _id: `id${i}`, username: names[i], emails: [`${names[i]}@x.io`] }));
        const reference = users(start, false);
        const cold = users(start);
        cold.compact(codec);
        for (const o of ops) {
          const id = `id${o.id}`;
          if (o.kind === 'delete') expect(cold.delete(id)).toBe(reference.delete(id));
          else if (o.kind === 'insert') {
            const doc = { _id: id, username: o.name, emails: [`${o.mail}@x.io`] };
            expect(cold.insert(structuredClone(doc))).toBe(reference.insert(doc));
          } else {
            const change = (d: U) => ({ ...d, username: o.name, emails: [`${o.mail}@X.io`] });
            expect(cold.update(id, change)).toBe(reference.update(id, change));
          }
          expect(cold.size).toBe(reference.size);
          // ColdPart's invariant: `live` counts the records not retired.
          const part = cold.coldPart()!;
          expect(part.live).toBe(part.gone.filter((g) => g === 0).length);
          expect(plain([...cold.values()])).toEqual(plain([...reference.values()]));
          for (const n of names) {
            expect(cold.findBy('username', n)?._id).toBe(reference.findBy('username', n)?._id);
            expect(cold.findBy('email', `${n}@X.IO`)?._id).toBe(reference.findBy('email', `${n}@X.IO`)?._id);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
