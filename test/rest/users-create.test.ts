import { describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { useMockchat } from '../support/start-mockchat.js';

interface Case {
  name: string;
  as: 'admin' | 'alice';
  setup?: (mock: Mockchat) => void;
  body: Record<string, unknown>;
  status: number;
  expected: unknown;
}

const CREATE = '/api/v1/users.create';
const METHOD = 'insertOrUpdateUser';
const NOT_LOGGED_IN = { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' };

const newUser = (extra: Record<string, unknown> = {}) => ({ email: 'new.user@example.com', name: 'New User', password: 'secret', username: 'new.user', ...extra });
const meteor = (error: string, reason: string, details?: unknown) => ({ success: false, error: `${reason} [${error}]`, errorType: error, ...(details !== undefined && { details }) });
const aliceMayCreate = (mock: Mockchat) => mock.workspace.permissions.set('create-user', ['admin', 'user']);

const cases: Case[] = [
  { name: 'caller without create-user', as: 'alice', body: newUser(), status: 400, expected: meteor('error-action-not-allowed', 'Adding user is not allowed', { method: METHOD, action: 'Adding_user' }) },
  { name: 'invalid role id', as: 'admin', body: newUser({ roles: ['no-such-role'] }), status: 400, expected: meteor('error-action-not-allowed', 'The field Roles consist invalid role id', { method: METHOD, action: 'Assign_role' }) },
  { name: 'admin role without assign-admin-role', as: 'alice', setup: aliceMayCreate, body: newUser({ roles: ['admin'] }), status: 400, expected: meteor('error-action-not-allowed', 'Assigning admin is not allowed', { method: METHOD, action: 'Assign_admin' }) },
  { name: 'blank name', as: 'admin', body: newUser({ name: '   ' }), status: 400, expected: meteor('error-the-field-is-required', 'The field Name is required', { method: METHOD, field: 'Name' }) },
  { name: 'blank username', as: 'admin', body: newUser({ username: '   ' }), status: 400, expected: meteor('error-the-field-is-required', 'The field Username is required', { method: METHOD, field: 'Username' }) },
  { name: 'invalid username (escaped in the message)', as: 'admin', body: newUser({ username: 'a<b' }), status: 400, expected: meteor('error-input-is-not-a-valid-field', 'a&lt;b is not a valid username', { method: METHOD, input: 'a<b', field: 'Username' }) },
  { name: 'empty password', as: 'admin', body: newUser({ password: '' }), status: 400, expected: meteor('error-the-field-is-required', 'The field Password is required', { method: METHOD, field: 'Password' }) },
  { name: 'username taken (case-insensitive)', as: 'admin', body: newUser({ username: 'ALICE' }), status: 400, expected: meteor('error-field-unavailable', 'ALICE is already in use :(', { method: METHOD, field: 'ALICE' }) },
  { name: 'email taken in a different case', as: 'admin', body: newUser({ email: 'ALICE@Example.com' }), status: 400, expected: meteor('error-field-unavailable', 'ALICE@Example.com is already in use :(', { method: METHOD, field: 'ALICE@Example.com' }) },
  { name: 'blocked username', as: 'admin', body: newUser({ username: 'system' }), status: 400, expected: meteor('error-blocked-username', "system is blocked and can't be used!", { method: 'checkUsernameAvailability', field: 'system' }) },
  { name: 'invalid email', as: 'admin', body: newUser({ email: 'x' }), status: 400, expected: meteor('error-invalid-email', 'Invalid email x', { function: 'RocketChat.validateEmailDomain', email: 'x' }) },
  { name: 'missing email (ajv, first required)', as: 'admin', body: { username: 'u', password: 'p' }, status: 400, expected: { success: false, error: "must have required property 'email' [invalid-params]", errorType: 'invalid-params' } },
  { name: 'unknown property (ajv)', as: 'admin', body: newUser({ pass: 'x' }), status: 400, expected: { success: false, error: 'must NOT have additional properties [invalid-params]', errorType: 'invalid-params' } },
  { name: 'active status without edit-other-user-active-status', as: 'alice', setup: aliceMayCreate, body: newUser({ active: true }), status: 400, expected: meteor('error-not-allowed', 'Not allowed', { method: 'setUserActiveStatus' }) },
];

describe('POST /api/v1/users.create', () => {
  const t = useMockchat();

  it('answers 401 without credentials', async () => {
    const res = await t.api.post(CREATE, newUser());
    expect(res.status).toBe(401);
    expect(res.body).toEqual(NOT_LOGGED_IN);
  });

  it('answers 401 with a bad token', async () => {
    const res = await t.api.post(CREATE, newUser(), { 'x-user-id': t.mock.admin.userId, 'x-auth-token': 'not-a-token' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(NOT_LOGGED_IN);
  });

  it.each(cases)('$name', async ({ as, setup, body, status, expected }) => {
    setup?.(t.mock);
    const auth = as === 'admin' ? await t.api.login('admin', 'admin') : await t.api.login('alice', 'alice-password');
    const res = await t.api.post(CREATE, body, auth);
    expect(res.body).toEqual(expected);
    expect(res.status).toBe(status);
  });

  it('creates a user with the defaults', async () => {
    const res = await t.api.post(CREATE, newUser(), await t.api.login('admin', 'admin'));
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const user = res.body.user;
    expect(user).toMatchObject({
      _id: expect.any(String),
      username: 'new.user',
      name: 'New User',
      emails: [{ address: 'new.user@example.com', verified: false }],
      type: 'user',
      status: 'offline',
      active: true,
      roles: ['user'],
      createdAt: expect.any(String),
      _updatedAt: expect.any(String),
    });
    expect(user).not.toHaveProperty('services');
    expect(user).not.toHaveProperty('customFields');
    expect(user).not.toHaveProperty('e2e');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('creates a user with options', async () => {
    t.mock.workspace.settings.set('Accounts_CustomFields', JSON.stringify({ twitter: { type: 'text', required: false, maxLength: 20 } }));
    const body = newUser({ roles: ['bot'], verified: true, requirePasswordChange: true, bio: 'Builds things', nickname: 'newbie', customFields: { twitter: '@newuser' } });
    const res = await t.api.post(CREATE, body, await t.api.login('admin', 'admin'));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      roles: ['bot'],
      emails: [{ address: 'new.user@example.com', verified: true }],
      requirePasswordChange: true,
      bio: 'Builds things',
      nickname: 'newbie',
      customFields: { twitter: '@newuser' },
    });
  });

  it('creates a user with a random password (password sent empty)', async () => {
    const res = await t.api.post(CREATE, newUser({ password: '', setRandomPassword: true }), await t.api.login('admin', 'admin'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, user: { username: 'new.user', requirePasswordChange: true } });
    expect((await t.api.post('/api/v1/login', { user: 'new.user', password: '' })).status).toBe(401);
  });

  it('still requires the password property with setRandomPassword (7.x schema)', async () => {
    const { password: _unused, ...body } = newUser({ setRandomPassword: true });
    const res = await t.api.post(CREATE, body, await t.api.login('admin', 'admin'));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, error: "must have required property 'password' [invalid-params]", errorType: 'invalid-params' });
  });

  it('keeps the user created before the active-status check fails', async () => {
    aliceMayCreate(t.mock);
    await t.api.post(CREATE, newUser({ active: false }), await t.api.login('alice', 'alice-password'));
    expect(t.mock.users.findByUsername('new.user')?.active).toBe(true);
  });

  it('lets the created user log in', async () => {
    const created = await t.api.post(CREATE, newUser(), await t.api.login('admin', 'admin'));
    expect(created.status).toBe(200);
    const res = await t.api.post('/api/v1/login', { user: 'new.user', password: 'secret' });
    expect(res.status).toBe(200);
    expect(res.body.data.userId).toBe(created.body.user._id);
  });
});
