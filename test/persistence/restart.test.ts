import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Mockchat, MockchatOptions } from '../../src/index.js';
import { client, startMockchat } from '../support/start-mockchat.js';
import { bearer, jane, MEMBER, scClient } from '../selfcommunity/sc-client.js';

const dir = mkdtempSync(join(tmpdir(), 'mockchat-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open: Mockchat[] = [];
afterEach(async () => {
  for (const m of open.splice(0)) await m.close();
});

let n = 0;
const freshFile = () => join(dir, `db-${++n}.json`);
async function start(file: string, options: MockchatOptions = {}): Promise<Mockchat> {
  const mock = await startMockchat({ db: file, ...options });
  open.push(mock);
  return mock;
}
async function stop(mock: Mockchat): Promise<void> {
  open.splice(open.indexOf(mock), 1);
  await mock.close();
}
/** A crash as the disk saw it: the file and its log copied as they are now, before close() compacts. */
function crashCopy(file: string): string {
  const crashed = freshFile();
  writeFileSync(crashed, readFileSync(file));
  writeFileSync(`${crashed}.log`, readFileSync(`${file}.log`));
  return crashed;
}
const register = (mock: Mockchat, username: string) =>
  client(mock).post('/api/v1/users.register', { username, email: `${username}@example.com`, pass: `${username}-pass`, name: username });

describe('--db: restart keeps the state', () => {
  it('keeps users, login tokens, settings and permissions across a clean restart', async () => {
    const file = freshFile();
    const first = await start(file);
    expect((await register(first, 'persisted')).status).toBe(200);
    const auth = await client(first).login('persisted', 'persisted-pass');
    await client(first).call('PATCH', '/__mockchat/db/settings/Site_Name', { value: 'Persisted Chat' });
    await client(first).call('PATCH', '/__mockchat/db/permissions/create-user', { roles: ['admin', 'bot'] });
    await stop(first);

    const second = await start(file);
    const me = await client(second).get('/api/v1/me', auth);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('persisted');
    expect((await client(second).login('persisted', 'persisted-pass'))['x-user-id']).toBe(auth['x-user-id']);
    expect(second.workspace.settings.get('Site_Name')).toBe('Persisted Chat');
    expect(second.workspace.permissions.get('create-user')!.roles).toEqual(['admin', 'bot']);
    expect(second.users.findByUsername('persisted')!.createdAt).toBeInstanceOf(Date);
    // reset() goes back to the seed, and that is persisted too
    second.reset();
    await stop(second);
    const third = await start(file);
    expect(third.users.findByUsername('persisted')).toBeUndefined();
    expect(third.users.findByUsername('alice')).toBeDefined();
  });

  it('replays the log when the process did not close (the file alone is older)', async () => {
    const file = freshFile();
    const mock = await start(file);
    await register(mock, 'logged');
    const crashed = crashCopy(file);
    expect(readFileSync(crashed, 'utf8')).not.toContain('"logged"');
    const restarted = await start(crashed);
    expect(restarted.users.findByUsername('logged')).toBeDefined();
    expect(readFileSync(crashed, 'utf8')).toContain('"logged"');
    expect(readFileSync(`${crashed}.log`, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('keeps SelfCommunity users and OAuth tokens across a crash', async () => {
    const file = freshFile();
    const mock = await start(file);
    const sc = scClient(mock);
    expect((await sc.create(jane())).status).toBe(201);
    const token = (await sc.form('/oauth/token/', { grant_type: 'password', username: MEMBER.username, password: MEMBER.password, client_id: 'mockchat-selfcommunity' })).body.access_token;
    const crashed = crashCopy(file);
    const restarted = await start(crashed);
    expect(restarted.selfcommunity.findByUsername('jane')).toBeDefined();
    expect((await scClient(restarted).get('/api/v2/user/me/', bearer(token))).body.username).toBe(MEMBER.username);
    // the next id continues after the logged users
    expect((await scClient(restarted).create(jane({ username: 'jane2', email: 'jane2@example.com' }))).body.id).toBe(restarted.selfcommunity.findByUsername('jane')!.id + 1);
  });

  it('tolerates a torn last log line and skips it', async () => {
    const file = freshFile();
    const mock = await start(file);
    await register(mock, 'kept');
    const crashed = crashCopy(file);
    appendFileSync(`${crashed}.log`, '{"u":{"_id":"torn","usern');
    const restarted = await start(crashed);
    expect(restarted.users.findByUsername('kept')).toBeDefined();
    expect(restarted.users.count()).toBe(6);
  });

  it('is a file json-server itself opens', async () => {
    const file = freshFile();
    const mock = await start(file);
    await register(mock, 'jsonserved');
    await stop(mock);
    const jsonServer = createRequire(import.meta.url)('json-server');
    const app = jsonServer.create();
    app.use(jsonServer.router(file));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const users = await (await fetch(`${base}/users?username=jsonserved`)).json();
      expect(users).toHaveLength(1);
      expect(users[0].id).toBe(users[0]._id);
      expect((await (await fetch(`${base}/mockchat`)).json()).format).toBe('mockchat-db');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('--reset starts from the seed and overwrites the file', async () => {
    const file = freshFile();
    const mock = await start(file, { seed: 3 });
    await register(mock, 'gone');
    const seededIds = [...mock.workspace.users.values()].filter((u) => u.username !== 'gone').map((u) => u._id);
    await stop(mock);
    const again = await start(file, { seed: 3, dbReset: true });
    expect(again.users.findByUsername('gone')).toBeUndefined();
    // the seed is deterministic: same seed, same ids
    expect([...again.workspace.users.values()].map((u) => u._id)).toEqual(seededIds);
    expect(readFileSync(file, 'utf8')).not.toContain('"gone"');
  });
});

describe('--db: broken files fail at start, untouched', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['corrupt JSON', '{"mockchat": {"format": "mockchat-db", "version": 1}, "users": [', /db-\d+\.json: not valid JSON at position 64 \(line 1, column 65\)/],
    ['a foreign JSON file', '{"posts": [{"id": 1, "title": "json-server"}]}', /not a mockchat database/],
    ['a user added through json-server', '{"mockchat": {"format": "mockchat-db", "version": 1}, "users": [{"id": 1, "username": "x"}], "tokens": [], "settings": [], "permissions": []}', /users\[0\] \(id 1\) is not a mockchat user/],
    ['a newer format', '{"mockchat": {"format": "mockchat-db", "version": 99}, "users": []}', /format version 99 is not supported/],
  ];
  for (const [label, content, message] of cases) {
    it(`refuses ${label}`, async () => {
      const file = freshFile();
      writeFileSync(file, content);
      await expect(startMockchat({ db: file })).rejects.toThrow(message);
      expect(readFileSync(file, 'utf8')).toBe(content);
      expect(existsSync(`${file}.log`)).toBe(false);
    });
  }

  it('refuses a corrupt log line that is not the last, naming the line', async () => {
    const file = freshFile();
    await stop(await start(file));
    const log = `${file}.log`;
    const header = readFileSync(log, 'utf8');
    const content = `${header}{"u": nope}\n{"ud":"x"}\n`;
    writeFileSync(log, content);
    const before = readFileSync(file, 'utf8');
    await expect(startMockchat({ db: file })).rejects.toThrow(/db-\d+\.json\.log: line 2 is not valid JSON/);
    expect(readFileSync(log, 'utf8')).toBe(content);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('--reset does not overwrite a foreign file', async () => {
    const file = freshFile();
    writeFileSync(file, '{"posts": []}');
    await expect(startMockchat({ db: file, dbReset: true })).rejects.toThrow(/not a mockchat database/);
    expect(readFileSync(file, 'utf8')).toBe('{"posts": []}');
  });
});
