import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

const DB = '/__mockchat/db';
const SECRET_KEYS = new Set(['services', 'password', 'hashedToken', 'salt', 'hash', 'loginTokens', 'authToken']);

/** Keys anywhere in a JSON value that would carry a secret (names only, so settings like Accounts_Password_* are fine). */
function secretKeys(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) secretKeys(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k)) found.push(k);
      secretKeys(v, found);
    }
  }
  return found;
}

describe('data API (/__mockchat/db)', () => {
  const t = useMockchat({ users: 40, seed: 7 });
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => t.api.call(method, `${DB}${path}`, body, headers);

  it('lists users sanitized, with id = _id and no secrets anywhere', async () => {
    const r = await json('GET', '/users');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(45);
    const admin = r.body.find((u: { username: string }) => u.username === 'admin');
    expect(admin.id).toBe(admin._id);
    expect(admin.id).toBe(t.mock.admin.userId);
    expect(typeof admin.createdAt).toBe('string');
    for (const path of ['/users', '/db', `/users/${admin.id}`, '/settings', '/permissions', '/sc_users']) {
      const { status, body } = await json('GET', path);
      expect(status, path).toBe(200);
      expect(secretKeys(body), path).toEqual([]);
    }
  });

  it('filters, sorts, paginates (X-Total-Count) and searches like json-server', async () => {
    expect((await json('GET', '/users?username=alice')).body.map((u: { name: string }) => u.name)).toEqual(['Alice Liddell']);
    const names = (await json('GET', '/users?_sort=username')).body.map((u: { username: string }) => u.username);
    expect(names).toEqual([...names].sort());
    const desc = (await json('GET', '/users?_sort=username&_order=desc')).body.map((u: { username: string }) => u.username);
    expect(desc).toEqual([...names].reverse());
    const page = await json('GET', '/users?_sort=username&_page=2&_limit=10');
    expect(page.headers.get('x-total-count')).toBe('45');
    expect(page.body.map((u: { username: string }) => u.username)).toEqual(names.slice(10, 20));
    expect(page.headers.get('link')).toContain(`${DB}/users?_sort=username&_page=3&_limit=10`);
    const q = await json('GET', '/users?q=LIDDELL&_page=1&_limit=5');
    expect(q.body.map((u: { username: string }) => u.username)).toEqual(['alice']);
    expect(q.headers.get('x-total-count')).toBe('1');
    // q matches nested values (emails) as json-server's deepQuery does, and combines with filters
    expect((await json('GET', '/users?q=helper-bot@&type=bot')).body.map((u: { username: string }) => u.username)).toEqual(['bot.helper']);
    expect((await json('GET', '/users?q=example.com&active=false')).body.map((u: { username: string }) => u.username)).toEqual(['carol']);
    expect((await json('GET', '/settings/Accounts_RegistrationForm')).body).toEqual({ id: 'Accounts_RegistrationForm', value: 'Public' });
    expect((await json('GET', '/users/nope')).status).toBe(404);
  });

  it('writes through the workspace: PATCH, POST then log in over REST, DELETE', async () => {
    const alice = t.mock.users.findByUsername('alice')!;
    const patched = await json('PATCH', `/users/${alice._id}`, { name: 'Alice Renamed' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: alice._id, name: 'Alice Renamed' });
    expect(t.mock.users.findByUsername('alice')!.name).toBe('Alice Renamed');
    expect((await json('GET', '/users?name=Alice%20Renamed')).body).toHaveLength(1);

    const created = await json('POST', '/users', { username: 'dana', email: 'Dana@Example.com', password: 'dana-pass', name: 'Dana Scully' });
    expect(created.status).toBe(201);
    expect(secretKeys(created.body)).toEqual([]);
    expect(created.body).toMatchObject({ username: 'dana', emails: [{ address: 'dana@example.com', verified: true }], roles: ['user'], active: true });
    const login = await t.api.post('/api/v1/login', { user: 'dana', password: 'dana-pass' });
    expect(login.status).toBe(200);
    expect(login.body.data.userId).toBe(created.body.id);
    expect((await json('GET', '/users?_page=1&_limit=1')).headers.get('x-total-count')).toBe('46');

    const deleted = await json('DELETE', `/users/${created.body.id}`);
    expect(deleted).toMatchObject({ status: 200, body: {} });
    expect(t.mock.users.findByUsername('dana')).toBeUndefined();
    // its login token went with it
    const me = await t.api.get('/api/v1/me', { 'x-user-id': login.body.data.userId, 'x-auth-token': login.body.data.authToken });
    expect(me.status).toBe(401);
    expect((await json('GET', `/users/${created.body.id}`)).status).toBe(404);
  });

  it('refuses duplicates, bad fields and read-only collections in the admin error format', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/users', { username: 'ALICE', email: 'new@example.com', password: 'x' }, 400, 'MOCKCHAT_ERR_FIELD_UNAVAILABLE'],
      ['POST', '/users', { username: 'newbie', email: 'BOB@example.com', password: 'x' }, 400, 'MOCKCHAT_ERR_FIELD_UNAVAILABLE'],
      ['POST', '/users', { username: 'newbie', email: 'n@example.com' }, 400, 'MOCKCHAT_ERR_FIELD_REQUIRED'],
      ['POST', '/users', { username: 'bad name!', email: 'n@example.com', password: 'x' }, 400, 'MOCKCHAT_ERR_USERNAME_NOT_VALID_FIELD'],
      ['POST', '/users', { username: 'newbie', email: 'n@example.com', password: 'x', services: {} }, 400, 'MOCKCHAT_ERR_DATA'],
      ['POST', '/users', { username: 'newbie', email: 'n@example.com', password: 'x', roles: ['nope'] }, 400, 'MOCKCHAT_ERR_INVALID_ROLE'],
      // validateUserData's order: roles before the required username and password.
      ['POST', '/users', { roles: ['nope'] }, 400, 'MOCKCHAT_ERR_INVALID_ROLE'],
      ['POST', '/users', { email: 'n@example.com' }, 400, 'MOCKCHAT_ERR_FIELD_REQUIRED'],
      // The address is the data API's own requirement (Rocket.Chat has none): mockchat's format.
      ['POST', '/users', { username: 'newbie', password: 'x' }, 400, 'MOCKCHAT_ERR_DATA'],
      ['POST', '/users', { username: 'newbie', email: 'not-an-address', password: 'x' }, 400, 'MOCKCHAT_ERR_INVALID_EMAIL'],
      ['PATCH', '/users/nope', { name: 'x' }, 404, 'MOCKCHAT_ERR_USER_NOT_FOUND'],
      ['DELETE', '/users/nope', undefined, 404, 'MOCKCHAT_ERR_USER_NOT_FOUND'],
      ['PATCH', '/settings/Accounts_RegistrationForm', { value: 3 }, 400, 'MOCKCHAT_ERR_DATA'],
      ['PATCH', '/permissions/create-user', { roles: ['ghost'] }, 400, 'MOCKCHAT_ERR_INVALID_ROLE_UPDATE'],
      ['DELETE', '/settings/Site_Name', undefined, 405, 'MOCKCHAT_ERR_DATA'],
      ['POST', '/sc_users', {}, 405, 'MOCKCHAT_ERR_DATA'],
      ['POST', '/users', '{not json', 400, 'MOCKCHAT_ERR_BAD_JSON'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const r = await json(method, path, body);
      expect({ method, path, status: r.status, code: r.body?.error?.code }).toEqual({ method, path, status, code });
      expect(r.body.error.message).toMatch(/^\[mockchat\] /);
    }
    const bob = t.mock.users.findByUsername('bob')!;
    const clash = await json('PATCH', `/users/${bob._id}`, { username: 'Alice' });
    expect(clash.body.error.code).toBe('MOCKCHAT_ERR_FIELD_UNAVAILABLE');
    expect(t.mock.users.findByUsername('bob')).toBeDefined();
    expect(t.mock.users.count()).toBe(45);
    // The same validateUserData checks as users.create: a blocked username is refused, and a user keeps its own name.
    t.mock.useScenario({ name: 'blocked', description: 'x', settings: { Accounts_BlockedUsernameList: 'root' } });
    expect((await json('POST', '/users', { username: 'Root', email: 'root@example.com', password: 'x' })).body.error.code).toBe('MOCKCHAT_ERR_BLOCKED_USERNAME');
    expect((await json('PATCH', `/users/${bob._id}`, { username: 'BOB' })).status).toBe(200);
    t.mock.resetScenario();
  });

  it('changes settings and permissions, seen by the Rocket.Chat API at once', async () => {
    const s = await json('PATCH', '/settings/Accounts_RegistrationForm', { value: 'Disabled' });
    expect(s).toMatchObject({ status: 200, body: { id: 'Accounts_RegistrationForm', value: 'Disabled' } });
    const reg = await t.api.post('/api/v1/users.register', { username: 'zed', email: 'zed@example.com', pass: 'zed-pass', name: 'Zed' });
    expect(reg.body.errorType).toBe('error-user-registration-disabled');
    const p = await json('PUT', '/permissions/create-user', { id: 'create-user', roles: ['admin', 'user'] });
    expect(p.body).toEqual({ id: 'create-user', roles: ['admin', 'user'] });
    expect(t.mock.workspace.permissions.get('create-user')!.roles).toEqual(['admin', 'user']);
  });

  it('sees writes made over REST (the cache follows the workspace) and serves sandboxes apart', async () => {
    await t.api.post('/api/v1/users.register', { username: 'erin', email: 'erin@example.com', pass: 'erin-pass', name: 'Erin' });
    expect((await json('GET', '/users?username=erin')).body).toHaveLength(1);
    expect((await json('GET', '/users?username=erin', undefined, { 'x-mockchat-sandbox': 'w1' })).body).toHaveLength(0);
    await json('POST', '/users', { username: 'sandy', email: 'sandy@example.com', password: 'p' }, { 'x-mockchat-sandbox': 'w1' });
    expect(t.mock.sandbox('w1').workspace.findByUsername('sandy')).toBeDefined();
    expect(t.mock.users.findByUsername('sandy')).toBeUndefined();
    expect((await json('GET', '/users', undefined, { 'x-mockchat-sandbox': 'bad name' })).body.error.code).toBe('MOCKCHAT_ERR_SANDBOX');
  });
});

describe('data API behind the admin token', () => {
  const t = useMockchat({ adminToken: 'tok' });
  it('needs the token', async () => {
    expect((await t.api.get(`${DB}/users`)).status).toBe(401);
    expect((await t.api.get(`${DB}/users`, { authorization: 'Bearer tok' })).status).toBe(200);
  });
});
