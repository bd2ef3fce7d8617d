import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const generated = (mock: Mockchat) =>
  [...mock.workspace.users.values()].filter((u) => u.emails[0]?.address.endsWith('@example.com') && !['alice', 'bob', 'carol', 'bot.helper'].includes(u.username!));

describe('seeded users', () => {
  let a: Mockchat;
  let b: Mockchat;
  let c: Mockchat;
  beforeAll(async () => {
    [a, b, c] = await Promise.all([startMockchat({ seed: 7, users: 25 }), startMockchat({ seed: 7, users: 25 }), startMockchat({ seed: 8, users: 25 })]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('adds N faker users on top of the fixed seed users', () => {
    expect(a.users.count()).toBe(5 + 25);
    expect(generated(a)).toHaveLength(25);
  });

  it('is deterministic: the same seed gives the same ids, names, usernames and emails', () => {
    const pick = (m: Mockchat) => generated(m).map((u) => [u._id, u.name, u.username, u.emails[0].address]);
    expect(pick(a)).toEqual(pick(b));
    expect(pick(a)).not.toEqual(pick(c));
    expect(a.users.findByUsername('admin')?._id).toBe(b.users.findByUsername('admin')?._id);
  });

  it('every seeded user is valid and can log in (generated users with "password")', async () => {
    const api = client(a);
    const user = generated(a)[3];
    expect(user.username).toMatch(/^[0-9a-zA-Z-_.]+$/);
    const r = await api.post('/api/v1/login', { user: user.username, password: 'password' });
    expect(r.status).toBe(200);
    expect(r.body.data.me.username).toBe(user.username);
    for (const [name, pw] of [['admin', 'admin'], ['alice', 'alice-password'], ['bob', 'bob-password'], ['bot.helper', 'bot-password']]) {
      expect((await api.post('/api/v1/login', { user: name, password: pw })).status).toBe(200);
    }
  });

  it('never stores a plain password', () => {
    const text = JSON.stringify(a.workspace.toState());
    for (const pw of ['alice-password', 'bob-password', ':"password"']) expect(text).not.toContain(pw);
  });
});
