import { describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { useMockchat } from '../support/start-mockchat.js';

const NO_PERMISSION = { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' };
const NOT_LOGGED_IN = { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' };
const MATCH_FAILED = { isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error' };
const call = (method: string, params: unknown[], id = '42') => ({ message: JSON.stringify({ msg: 'method', id, method, params }) });

describe('other Rocket.Chat routes', () => {
  const t = useMockchat();
  let admin: Record<string, string>;
  let alice: Record<string, string>;

  // Tokens are part of the state reset() restores, so log in per test.
  const loginAll = async () => {
    admin = await t.api.login('admin', 'admin');
    alice = await t.api.login('alice', 'alice-password');
  };

  describe('users.info', () => {
    it.each([
      { name: 'by username', query: 'username=bob' },
      { name: 'by userId', query: 'userId=BOB_ID' },
    ])('finds a user $name', async ({ query }) => {
      await loginAll();
      const bobId = t.mock.users.findByUsername('bob')!._id;
      const res = await t.api.get(`/api/v1/users.info?${query.replace('BOB_ID', bobId)}`, admin);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: true, user: { _id: bobId, username: 'bob', name: 'Bob Builder', active: true } });
    });

    it('answers User not found.', async () => {
      await loginAll();
      const res = await t.api.get('/api/v1/users.info?username=nobody', admin);
      expect(res).toMatchObject({ status: 400, body: { success: false, error: 'User not found.' } });
    });
  });

  describe('users.list', () => {
    it('gives admins emails and pages', async () => {
      await loginAll();
      const res = await t.api.get('/api/v1/users.list?count=2&offset=1', admin);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 2, offset: 1, total: 5, success: true });
      expect(res.body.users).toHaveLength(2);
      for (const u of res.body.users) expect(u.emails).toEqual([expect.objectContaining({ address: expect.any(String) })]);
    });

    it('gives users a list without emails', async () => {
      await loginAll();
      const res = await t.api.get('/api/v1/users.list', alice);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      for (const u of res.body.users) expect(u).not.toHaveProperty('emails');
    });
  });

  describe('users.delete', () => {
    it('is forbidden to alice', async () => {
      await loginAll();
      const res = await t.api.post('/api/v1/users.delete', { username: 'bob' }, alice);
      expect(res.status).toBe(403);
      expect(res.body).toEqual(NO_PERMISSION);
    });

    it('deletes for admins, and the user can no longer log in', async () => {
      await loginAll();
      const res = await t.api.post('/api/v1/users.delete', { userId: t.mock.users.findByUsername('bob')!._id }, admin);
      expect(res).toMatchObject({ status: 200, body: { success: true } });
      expect(t.mock.users.findByUsername('bob')).toBeUndefined();
      expect((await t.api.post('/api/v1/login', { user: 'bob', password: 'bob-password' })).status).toBe(401);
    });
  });

  describe('usernames', () => {
    it('suggests a free username', async () => {
      await loginAll();
      const res = await t.api.get('/api/v1/users.getUsernameSuggestion', alice);
      expect(res).toMatchObject({ status: 200, body: { result: 'alice.liddell', success: true } });
    });

    it.each([
      { query: '?username=someone.new', status: 200, expected: { result: true, success: true } },
      { query: '?username=BOB', status: 200, expected: { result: false, success: true } },
      { query: '?username=admin', status: 400, expected: { success: false, error: "admin is blocked and can't be used! [error-blocked-username]", errorType: 'error-blocked-username', details: { method: 'checkUsernameAvailability', field: 'admin' } } },
      { query: '', status: 400, expected: { success: false, error: "must have required property 'username' [invalid-params]", errorType: 'invalid-params' } },
    ])('checkUsernameAvailability$query', async ({ query, status, expected }) => {
      await loginAll();
      const res = await t.api.get(`/api/v1/users.checkUsernameAvailability${query}`, alice);
      expect(res.body).toEqual(expected);
      expect(res.status).toBe(status);
    });
  });

  describe('settings', () => {
    it('lists public settings', async () => {
      const res = await t.api.get('/api/v1/settings.public');
      expect(res.status).toBe(200);
      expect(res.body.settings).toContainEqual({ _id: 'Accounts_RegistrationForm', value: 'Public' });
      expect(res.body.settings.map((s: { _id: string }) => s._id)).not.toContain('Accounts_RegistrationForm_SecretURL');
    });

    it.each([
      { name: 'GET as alice', method: 'GET', id: 'Accounts_RegistrationForm', as: 'alice', status: 403, expected: NO_PERMISSION },
      { name: 'POST as alice', method: 'POST', id: 'Accounts_RegistrationForm', as: 'alice', status: 403, expected: NO_PERMISSION },
      { name: 'GET unknown id', method: 'GET', id: 'No_Such_Setting', as: 'admin', status: 400, expected: { success: false } },
      { name: 'POST unknown id', method: 'POST', id: 'No_Such_Setting', as: 'admin', status: 400, expected: { success: false } },
      { name: 'GET as admin', method: 'GET', id: 'Accounts_RegistrationForm', as: 'admin', status: 200, expected: { _id: 'Accounts_RegistrationForm', value: 'Public', success: true } },
    ])('settings/:_id $name', async ({ method, id, as, status, expected }) => {
      await loginAll();
      const auth = as === 'admin' ? admin : alice;
      const res = method === 'GET' ? await t.api.get(`/api/v1/settings/${id}`, auth) : await t.api.post(`/api/v1/settings/${id}`, { value: 'Disabled' }, auth);
      expect(res.body).toEqual(expected);
      expect(res.status).toBe(status);
    });
  });

  describe('permissions', () => {
    it('lists every permission', async () => {
      await loginAll();
      const res = await t.api.get('/api/v1/permissions.listAll', alice);
      expect(res.status).toBe(200);
      expect(res.body.update).toContainEqual(expect.objectContaining({ _id: 'create-user', roles: ['admin'] }));
    });

    it.each([
      { name: 'unknown permission', permissions: [{ _id: 'no-such-permission', roles: ['admin'] }], expected: { success: false, error: 'Invalid permission', errorType: 'error-invalid-permission' } },
      { name: 'unknown role', permissions: [{ _id: 'create-user', roles: ['no-such-role'] }], expected: { success: false, error: 'Invalid role', errorType: 'error-invalid-role' } },
    ])('rejects an update with an $name', async ({ permissions, expected }) => {
      await loginAll();
      const res = await t.api.post('/api/v1/permissions.update', { permissions }, admin);
      expect(res).toMatchObject({ status: 400 });
      expect(res.body).toEqual(expected);
    });

    it('lets alice create users once create-user is granted to her role', async () => {
      await loginAll();
      const user = { email: 'eve@example.com', name: 'Eve', password: 'eve-password', username: 'eve' };
      expect((await t.api.post('/api/v1/users.create', user, alice)).status).toBe(400);
      const update = await t.api.post('/api/v1/permissions.update', { permissions: [{ _id: 'create-user', roles: ['admin', 'user'] }] }, admin);
      expect(update.status).toBe(200);
      expect(update.body.permissions).toContainEqual(expect.objectContaining({ _id: 'create-user', roles: ['admin', 'user'] }));
      expect(await t.api.post('/api/v1/users.create', user, alice)).toMatchObject({ status: 200, body: { success: true, user: { username: 'eve' } } });
    });
  });

  describe('method.call bridge', () => {
    it('answers 401 to method.call without credentials', async () => {
      const res = await t.api.post('/api/v1/method.call/logout', call('logout', []));
      expect(res).toMatchObject({ status: 401, body: NOT_LOGGED_IN });
    });

    it('logs out through method.call', async () => {
      await loginAll();
      const res = await t.api.post('/api/v1/method.call/logout', call('logout', []), alice);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: JSON.stringify({ msg: 'result', id: '42' }), success: true });
      expect((await t.api.get('/api/v1/me', alice)).status).toBe(401);
    });

    it('registers through method.callAnon', async () => {
      const res = await t.api.post('/api/v1/method.callAnon/registerUser', call('registerUser', [{ email: 'fred@example.com', pass: 'fred-password', name: 'Fred' }]));
      expect(res.status).toBe(200);
      expect(res.body.success).toBe(true);
      const message = JSON.parse(res.body.message);
      expect(message).toEqual({ msg: 'result', id: '42', result: t.mock.users.findByEmail('fred@example.com')!._id });
    });

    it.each([
      {
        name: 'a Match error (missing name)',
        params: [{ email: 'fred@example.com', pass: 'fred-password' }],
        error: { message: "Match error: Missing key 'name'", path: '', sanitizedError: MATCH_FAILED, errorType: 'Match.Error' },
      },
      {
        name: 'a Meteor error (registration disabled)',
        setup: (m: Mockchat) => m.workspace.settings.set('Accounts_RegistrationForm', 'Disabled'),
        params: [{ email: 'fred@example.com', pass: 'fred-password', name: 'Fred' }],
        error: { isClientSafe: true, error: 'error-user-registration-disabled', reason: 'User registration is disabled', details: { method: 'registerUser' }, message: 'User registration is disabled [error-user-registration-disabled]', errorType: 'Meteor.Error' },
      },
    ])('reports $name inside a 200', async ({ setup, params, error }) => {
      setup?.(t.mock);
      const res = await t.api.post('/api/v1/method.callAnon/registerUser', call('registerUser', params));
      expect(res).toMatchObject({ status: 200, body: { success: true } });
      expect(JSON.parse(res.body.message)).toEqual({ msg: 'result', id: '42', error });
    });

    it('reports an unknown method inside a 200', async () => {
      const res = await t.api.post('/api/v1/method.callAnon/nope', call('nope', []));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.message)).toEqual({
        msg: 'result',
        id: '42',
        error: { isClientSafe: true, error: 404, reason: "Method 'nope' not found", message: "Method 'nope' not found [404]", errorType: 'Meteor.Error' },
      });
    });

    it('rejects a message that is not a method call', async () => {
      const res = await t.api.post('/api/v1/method.callAnon/registerUser', { message: JSON.stringify({ msg: 'sub', id: '1' }) });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, error: 'Invalid method call' });
    });
  });

  describe('server and fallbacks', () => {
    it('answers /api/info', async () => {
      const res = await t.api.get('/api/info');
      expect(res).toMatchObject({ status: 200, body: { version: expect.any(String), success: true } });
    });

    it('answers 404 for an unknown route', async () => {
      const res = await t.api.get('/api/v1/no.such.route');
      expect(res).toMatchObject({ status: 404 });
      expect(res.body).toEqual({ success: false, error: 'Resource not found' });
    });

    it('treats a text/xml body as {} and warns', async () => {
      const res = await t.api.post('/api/v1/users.register', '<user><username>x</username></user>', { 'content-type': 'text/xml' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, error: "must have required property 'username' [invalid-params]", errorType: 'invalid-params' });
      expect(res.headers.get('x-mockchat-warning')).toContain('text/xml');
    });
  });
});
