import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { useMockchat } from '../support/start-mockchat.js';

const LOGIN = '/api/v1/login';
const UNAUTHORIZED = { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' };
const NOT_LOGGED_IN = { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' };
const VALIDATE = { function: 'Accounts.validateLoginAttempt' };
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('login, logout and me', () => {
  const t = useMockchat();

  const logins: Array<{ name: string; body: Record<string, unknown> }> = [
    { name: 'user string (username)', body: { user: 'alice', password: 'alice-password' } },
    { name: 'user string with @ (email)', body: { user: 'alice@example.com', password: 'alice-password' } },
    { name: 'username key', body: { username: 'alice', password: 'alice-password' } },
    { name: 'email key', body: { email: 'alice@example.com', password: 'alice-password' } },
    { name: 'SHA-256 digest', body: { user: { username: 'alice' }, password: { digest: sha256('alice-password'), algorithm: 'sha-256' } } },
  ];

  it.each(logins)('logs in by $name', async ({ body }) => {
    const res = await t.api.post(LOGIN, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      success: true,
      data: { userId: t.mock.users.findByUsername('alice')!._id, authToken: expect.any(String), me: { username: 'alice', name: 'Alice Liddell' } },
    });
  });

  it('logs in with a resume token', async () => {
    const first = await t.api.post(LOGIN, { user: 'alice', password: 'alice-password' });
    const res = await t.api.post(LOGIN, { resume: first.body.data.authToken });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ userId: first.body.data.userId, authToken: first.body.data.authToken });
  });

  const failures: Array<{ name: string; body: Record<string, unknown>; expected: unknown; setup?: (m: Mockchat) => void }> = [
    { name: 'a wrong password', body: { user: 'alice', password: 'nope' }, expected: UNAUTHORIZED },
    { name: 'an unknown user', body: { user: 'nobody', password: 'alice-password' }, expected: UNAUTHORIZED },
    { name: 'an unknown resume token', body: { resume: 'no-such-token' }, expected: UNAUTHORIZED },
    {
      name: 'an inactive user',
      body: { user: 'carol', password: 'carol-password' },
      expected: { success: false, error: 'error-user-is-not-activated', status: 'error', details: VALIDATE, message: 'User is not activated' },
    },
    {
      name: 'an unverified email when verification is on',
      setup: (m) => m.workspace.settings.set('Accounts_EmailVerification', true),
      body: { user: 'bob', password: 'bob-password' },
      expected: { success: false, error: 'error-invalid-email', status: 'error', details: VALIDATE, message: 'Invalid email __email__' },
    },
  ];

  it.each(failures)('answers 401 for $name', async ({ setup, body, expected }) => {
    setup?.(t.mock);
    const res = await t.api.post(LOGIN, body);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(expected);
  });

  it('lets bob in while email verification is off', async () => {
    expect((await t.api.post(LOGIN, { user: 'bob', password: 'bob-password' })).status).toBe(200);
  });

  it('blocks a user after 10 wrong passwords, even with the right one', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await t.api.post(LOGIN, { user: 'alice', password: `wrong-${i}` });
      expect(res.body).toEqual(UNAUTHORIZED);
    }
    const res = await t.api.post(LOGIN, { user: 'alice', password: 'alice-password' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, error: 'error-login-blocked-for-user', status: 'error', details: VALIDATE, message: 'Login has been temporarily blocked For User' });
  });

  it('logs out and the token stops working', async () => {
    const auth = await t.api.login('alice', 'alice-password');
    expect((await t.api.get('/api/v1/me', auth)).status).toBe(200);
    const res = await t.api.post('/api/v1/logout', {}, auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'success', data: { message: "You've been logged out!" } });
    const me = await t.api.get('/api/v1/me', auth);
    expect(me.status).toBe(401);
    expect(me.body).toEqual(NOT_LOGGED_IN);
  });

  it('answers 401 on logout and me without credentials', async () => {
    expect(await t.api.post('/api/v1/logout')).toMatchObject({ status: 401, body: NOT_LOGGED_IN });
    expect(await t.api.get('/api/v1/me')).toMatchObject({ status: 401, body: NOT_LOGGED_IN });
  });

  it('returns no secrets from me or login', async () => {
    const login = await t.api.post(LOGIN, { user: 'alice', password: 'alice-password' });
    const auth = { 'x-user-id': login.body.data.userId, 'x-auth-token': login.body.data.authToken };
    const me = await t.api.get('/api/v1/me', auth);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ _id: auth['x-user-id'], username: 'alice', email: 'alice@example.com', roles: ['user'], success: true });
    expect(me.body.services).toEqual({ password: { exists: true }, email2fa: { enabled: true } });
    for (const text of [JSON.stringify(me.body), JSON.stringify(login.body.data.me)]) {
      expect(text).not.toContain('hash');
      expect(text).not.toContain('salt');
      expect(text).not.toContain('alice-password');
      expect(text).not.toContain(auth['x-auth-token']);
    }
  });

  it('registers, logs in and reads me', async () => {
    const reg = await t.api.post('/api/v1/users.register', { username: 'dora', email: 'Dora@Example.com', pass: 'dora-pass', name: ' Dora ' });
    expect(reg.status).toBe(200);
    const login = await t.api.post(LOGIN, { user: 'dora@example.com', password: 'dora-pass' });
    expect(login.status).toBe(200);
    expect(login.body.data.userId).toBe(reg.body.user._id);
    const me = await t.api.get('/api/v1/me', { 'x-user-id': login.body.data.userId, 'x-auth-token': login.body.data.authToken });
    expect(me.body).toMatchObject({
      _id: reg.body.user._id,
      username: 'dora',
      name: 'Dora',
      emails: [{ address: 'dora@example.com', verified: false }],
      active: true,
      roles: ['user'],
      success: true,
    });
  });
});
