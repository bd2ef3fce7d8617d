import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { seedGeneratedUsers, COLD_USERS_FROM } from '../../src/rocketchat/seed.js';
import { Workspace } from '../../src/rocketchat/workspace.js';
import { RawDdp } from '../support/ddp-client.js';
import { client, startMockchat } from '../support/start-mockchat.js';

// A generated seed of 10,000 users or more is held off the V8 heap (the cold tier,
// docs/decisions/0014-cold-tier.md). Nothing a client or a tester sees may change.
const USERS = COLD_USERS_FROM;
const seedFile = { users: [] };
const register = (mock: Mockchat, username: string, email = `${username}@example.com`) =>
  client(mock).post('/api/v1/users.register', { username, email, pass: 'Cold-pass-1', name: username });

describe('a bulk seed in the cold tier', () => {
  let mock: Mockchat;
  let seeded: { _id: string; username: string; email: string; name: string }[];
  beforeAll(async () => {
    mock = await startMockchat({ users: USERS });
    seeded = [...mock.workspace.users.values()].slice(5, 12).map((u) => ({ _id: u._id, username: u.username!, email: u.emails[0].address, name: u.name! }));
  });
  afterAll(() => mock.close());

  it('holds the generated users in the cold tier, not in the Maps', () => {
    expect(mock.workspace.users.coldPart()?.live).toBe(USERS + 5);
    expect([...mock.workspace.users.hot()]).toHaveLength(0);
    expect(mock.users.count()).toBe(USERS + 5);
  });

  it('gives the same documents as a seed held in Maps (same seed, one user fewer than the threshold)', async () => {
    const hot = new Workspace({}, () => 1_700_000_000_000);
    const cold = new Workspace({}, () => 1_700_000_000_000);
    await seedGeneratedUsers(hot, seedFile, 11, COLD_USERS_FROM - 1);
    await seedGeneratedUsers(cold, seedFile, 11, COLD_USERS_FROM);
    expect(hot.users.coldPart()).toBeUndefined();
    expect(cold.users.coldPart()).toBeDefined();
    const coldDocs = [...cold.users.values()].slice(0, COLD_USERS_FROM - 1);
    expect(coldDocs).toEqual([...hot.users.values()]);
    expect(coldDocs.every((u) => Object.isFrozen(u) && Object.isFrozen(u.services.password) && u.createdAt instanceof Date)).toBe(true);
  });

  it('logs a seeded user in over REST and DDP, by username and by email', async () => {
    const api = client(mock);
    expect((await api.post('/api/v1/login', { user: seeded[0].username, password: 'password' })).status).toBe(200);
    expect((await api.post('/api/v1/login', { user: seeded[1].email.toUpperCase(), password: 'password' })).body.data.userId).toBe(seeded[1]._id);
    const ddp = await RawDdp.connect(mock.wsUrl);
    try {
      const { result } = await ddp.call('login', { user: { username: seeded[2].username }, password: 'password' });
      expect(result.result.id).toBe(seeded[2]._id);
    } finally {
      ddp.close();
    }
  });

  it('refuses a username or an email a seeded user holds, in any case, with the usual errors', async () => {
    const taken = await register(mock, seeded[3].username.toUpperCase(), 'free-1@example.com');
    expect(taken.body).toEqual({ success: false, error: 'Username is already in use' });
    const email = await register(mock, 'free-user-1', seeded[3].email.toUpperCase());
    expect(email.status).toBe(400);
    expect(email.body.error).toBe('Something went wrong. Please check your credentials. [403]');
  });

  it('updates and deletes seeded users through the data API, and reset brings them back', async () => {
    const api = client(mock);
    expect((await api.call('PATCH', `/__mockchat/db/users/${seeded[4]._id}`, { name: 'Renamed' })).status).toBe(200);
    // Re-sending its own username and email is not a clash (a cold user is a new object on each read).
    const same = await api.call('PATCH', `/__mockchat/db/users/${seeded[3]._id}`, { username: seeded[3].username, email: seeded[3].email, name: 'Same keys' });
    expect({ status: same.status, error: same.body.error }).toEqual({ status: 200, error: undefined });
    expect(mock.users.findByUsername(seeded[4].username)?.name).toBe('Renamed');
    expect((await api.call('DELETE', `/__mockchat/db/users/${seeded[5]._id}`)).status).toBe(200);
    expect(mock.users.findByUsername(seeded[5].username)).toBeUndefined();
    expect((await register(mock, seeded[5].username, seeded[5].email)).status).toBe(200);
    expect(mock.users.count()).toBe(USERS + 5);
    mock.reset();
    expect(seeded[4].name).not.toBe('Renamed');
    expect(mock.users.findByUsername(seeded[4].username)?.name).toBe(seeded[4].name);
    expect(mock.users.findByUsername(seeded[5].username)?._id).toBe(seeded[5]._id);
    expect(mock.users.count()).toBe(USERS + 5);
  });

  it('keeps sandboxes and snapshots apart, and lists every user in a public snapshot', async () => {
    const api = client(mock);
    const sandbox = { 'x-mockchat-sandbox': 'cold-1' };
    expect((await api.call('DELETE', `/__mockchat/db/users/${seeded[6]._id}`, undefined, sandbox)).status).toBe(200);
    expect(mock.sandbox('cold-1').workspace.users.get(seeded[6]._id)).toBeUndefined();
    expect(mock.users.findByUsername(seeded[6].username)?._id).toBe(seeded[6]._id);
    // A sandbox's public snapshot lists every user too, not only those outside the cold tier.
    const boxed = mock.sandbox('cold-1').snapshot();
    expect(boxed.users).toHaveLength(USERS + 4);
    expect(boxed.seeded).toBeUndefined();
    expect(boxed.users.map((u) => u._id)).not.toContain(seeded[6]._id);
    expect(boxed.users.map((u) => u._id)).toContain(seeded[5]._id);
    // A user moved out of the cold tier by an update is counted once: among the hot users, not the cold ones.
    expect((await api.call('PATCH', `/__mockchat/db/users/${seeded[4]._id}`, { name: 'Moved' })).status).toBe(200);
    const taken = await api.post('/__mockchat/snapshots', { id: 'cold' });
    expect(taken.status).toBe(201);
    expect((await api.get('/__mockchat/snapshots')).body.snapshots).toEqual([expect.objectContaining({ id: 'cold', users: USERS + 5 })]);
    await register(mock, 'after-snapshot');
    expect((await api.post('/__mockchat/snapshots/cold/restore')).body).toEqual({ restored: 'cold', users: USERS + 5 });
    expect(mock.users.findByUsername('after-snapshot')).toBeUndefined();
    expect(mock.users.findByUsername(seeded[4].username)?.name).toBe('Moved');
    const full = mock.snapshot();
    expect(full.users).toHaveLength(USERS + 5);
    expect(full.seeded).toBeUndefined();
  });
});

describe('a bulk seed with --db', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-cold-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every seeded user to the file', async () => {
    const file = join(dir, 'db.json');
    const mock = await startMockchat({ users: USERS, db: file });
    await mock.close();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { users: { username: string }[] };
    expect(saved.users).toHaveLength(USERS + 5);
    expect(saved.users[0].username).toBe('admin');
  });
});
