import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { expectContractResult } from '../support/ddp-contract.js';
import { startMockchat } from '../support/start-mockchat.js';

const USER_NOT_FOUND = { isClientSafe: true, error: 401, reason: 'User not found', message: 'User not found [401]', errorType: 'Meteor.Error' };
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const invalidUser = (method: string) => ({ isClientSafe: true, error: 'error-invalid-user', reason: 'Invalid user', details: { method }, message: 'Invalid user [error-invalid-user]', errorType: 'Meteor.Error' });

describe('DDP login, logout and the sign-up flow', () => {
  let mock: Mockchat;
  let c: RawDdp;

  beforeAll(async () => {
    mock = await startMockchat();
  });
  beforeEach(async () => {
    c = await RawDdp.connect(mock.wsUrl);
  });
  afterEach(() => {
    c.close();
    mock.reset();
  });
  afterAll(() => mock.close());

  it('logs in with a plain password: id, token, tokenExpires as $date, type', async () => {
    const { result, order } = await c.call('login', { user: { username: 'admin' }, password: 'admin' });
    expect(order).toEqual(['updated', 'result']);
    expect(result.result).toEqual({ id: mock.admin.userId, token: expect.any(String), tokenExpires: { $date: expect.any(Number) }, type: 'password' });
    expectContractResult('login', result);
    const days = (result.result.tokenExpires.$date - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  it('logs in by email with a SHA-256 digest', async () => {
    const user = mock.users.findByUsername('alice')!;
    const email = user.emails[0].address;
    const password = 'alice-password';
    const res = await c.call('login', { user: { email }, password: { digest: sha256(password), algorithm: 'sha-256' } });
    expect(res.result.result).toMatchObject({ id: user._id, type: 'password' });
  });

  it('resumes with a token, on another connection', async () => {
    const first = await c.apply('login', { user: { username: 'admin' }, password: 'admin' });
    const d = await RawDdp.connect(mock.wsUrl);
    const resumed = await d.apply('login', { resume: first.token });
    expect(resumed).toEqual({ id: mock.admin.userId, token: first.token, tokenExpires: first.tokenExpires, type: 'resume' });
    d.close();
  });

  it.each([
    ['a wrong password', { user: { username: 'admin' }, password: 'wrong' }],
    ['an unknown user', { user: { username: 'nobody' }, password: 'x' }],
    ['a wrong digest', { user: { username: 'admin' }, password: { digest: sha256('wrong'), algorithm: 'sha-256' } }],
    ['an unknown resume token', { resume: 'not-a-token' }],
  ])('answers %s with User not found [401]', async (_n, request) => {
    const { result } = await c.call('login', request);
    expect(result.error).toEqual(USER_NOT_FOUND);
  });

  it('logs out: result omitted, the token is revoked, the connection forgets the user', async () => {
    const { token } = await c.apply('login', { user: { username: 'admin' }, password: 'admin' });
    const { result } = await c.call('logout');
    expect(result).toEqual({ msg: 'result', id: expect.any(String) });
    await expect(c.apply('getUsernameSuggestion')).rejects.toEqual(invalidUser('getUsernameSuggestion'));
    await expect(c.apply('login', { resume: token })).rejects.toEqual(USER_NOT_FOUND);
  });

  it('signs up like the web client: registerUser → login → getUsernameSuggestion → setUsername', async () => {
    const userId = await c.apply('registerUser', { email: 'jane.doe@example.com', pass: 'Secret-123', name: 'Jane Doe' });
    await expect(c.apply('setUsername', 'jane')).rejects.toEqual(invalidUser('setUsername'));
    const login = await c.apply('login', { user: { email: 'jane.doe@example.com' }, password: 'Secret-123' });
    expect(login.id).toBe(userId);
    expect(await c.apply('getUsernameSuggestion')).toBe('jane.doe');
    expect(await c.apply('setUsername', 'jane.doe')).toBe('jane.doe');
    expect(mock.users.findByUsername('jane.doe')?._id).toBe(userId);
  });

  describe('setUsername errors', () => {
    beforeEach(async () => {
      await c.apply('registerUser', { email: 'jane.doe@example.com', pass: 'Secret-123', name: 'Jane Doe' });
      await c.apply('login', { user: { email: 'jane.doe@example.com' }, password: 'Secret-123' });
    });
    const meteor = (error: string, reason: string, details?: unknown) => ({ isClientSafe: true, error, reason, ...(details !== undefined && { details }), message: `${reason} [${error}]`, errorType: 'Meteor.Error' });

    it.each([
      ['empty', '', meteor('error-invalid-username', 'Invalid username', { method: 'setUsername' })],
      ['invalid characters', 'a b<', meteor('username-invalid', 'a b&lt; is not a valid username, use only letters, numbers, dots, hyphens and underscores')],
      ['blocked', 'admin', meteor('error-blocked-username', "admin is blocked and can't be used!", { method: 'checkUsernameAvailability', field: 'admin' })],
      ['taken (case-insensitive)', 'ALICE', meteor('error-field-unavailable', '<strong>ALICE</strong> is already in use :(', { method: 'setUsername', field: 'ALICE' })],
      ['not a string', 42, { isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error' }],
    ])('%s', async (_n, username, error) => {
      await expect(c.apply('setUsername', username)).rejects.toEqual(error);
    });

    it('a second change is refused when Accounts_AllowUsernameChange is off', async () => {
      await c.apply('setUsername', 'jane.doe');
      mock.workspace.settings.set('Accounts_AllowUsernameChange', false);
      await expect(c.apply('setUsername', 'jane.two')).rejects.toEqual(meteor('error-not-allowed', 'Not allowed'));
    });
  });
});
