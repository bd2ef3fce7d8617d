import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat, useMockchat } from '../support/start-mockchat.js';

type SettingValue = string | number | boolean;

interface Case {
  name: string;
  settings?: Record<string, SettingValue>;
  setup?: (mock: Mockchat) => Promise<void> | void;
  body: unknown;
  status: number;
  expected: unknown;
}

const REGISTER = '/api/v1/users.register';
const CUSTOM_FIELDS = JSON.stringify({
  role: { type: 'select', defaultValue: 'student', options: ['teacher', 'student'], required: true, modifyRecordField: { array: true, field: 'roles' } },
  twitter: { type: 'text', required: true, minLength: 2, maxLength: 10 },
});

const form = (extra: Record<string, unknown> = {}) => ({ username: 'new.user', email: 'new.user@example.com', pass: 'Secret-123', name: 'New User', ...extra });
const invalidParams = (message: string) => ({ success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });
const meteor = (error: string | number, reason: string, details?: unknown) => ({ success: false, error: `${reason} [${error}]`, errorType: error, ...(details !== undefined && { details }) });
const customFieldError = (reason: string, error = 'error-user-registration-custom-field', details: unknown = { method: 'registerUser' } as unknown) => ({
  isClientSafe: true,
  error,
  reason,
  ...(details !== null && { details }),
  message: `${reason} [${error}]`,
  errorType: 'Meteor.Error',
  success: false,
});
const domainDetails = { function: 'RocketChat.validateEmailDomain' };
const POLICY = "The password provided does not meet the server's password policy.";
const success = (name: string, username: string) => ({
  user: { _id: expect.any(String), type: 'user', status: 'offline', active: true, name, username },
  success: true,
});

const cases: Case[] = [
  { name: 'missing username', body: { email: 'a@example.com', pass: 'x', name: 'A' }, status: 400, expected: invalidParams("must have required property 'username'") },
  { name: 'missing email', body: { username: 'a', pass: 'x', name: 'A' }, status: 400, expected: invalidParams("must have required property 'email'") },
  { name: 'missing pass', body: { username: 'a', email: 'a@example.com', name: 'A' }, status: 400, expected: invalidParams("must have required property 'pass'") },
  { name: 'additional property', body: form({ secretURL: 'x' }), status: 400, expected: invalidParams('must NOT have additional properties') },
  { name: 'pass of the wrong type', body: form({ pass: { a: 1 } }), status: 400, expected: invalidParams('must be string') },
  { name: 'name with invalid characters', body: form({ name: 'a<b' }), status: 400, expected: { success: false, error: 'Name contains invalid characters' } },
  { name: 'invalid username', body: form({ username: 'bad name!' }), status: 400, expected: { success: false, error: 'The username provided is not valid' } },
  { name: 'username in use (case-insensitive)', body: form({ username: 'ALICE' }), status: 400, expected: { success: false, error: 'Username is already in use' } },
  { name: 'blocked username admin', body: form({ username: 'admin' }), status: 400, expected: meteor('error-blocked-username', "admin is blocked and can't be used!", { method: 'checkUsernameAvailability', field: 'admin' }) },
  { name: 'blocked username Here', body: form({ username: 'Here' }), status: 400, expected: meteor('error-blocked-username', "Here is blocked and can't be used!", { method: 'checkUsernameAvailability', field: 'Here' }) },
  { name: 'custom field required', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, body: form({ customFields: { twitter: 'abcd' } }), status: 400, expected: customFieldError('Field role is required') },
  { name: 'custom field select invalid', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, body: form({ customFields: { role: 'x', twitter: 'abcd' } }), status: 400, expected: customFieldError('Value for field role is invalid') },
  { name: 'custom field too short', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, body: form({ customFields: { role: 'teacher', twitter: '0' } }), status: 400, expected: customFieldError('Min length of field twitter 2') },
  { name: 'custom field too long', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, body: form({ customFields: { role: 'teacher', twitter: '0123456789-0' } }), status: 400, expected: customFieldError('Max length of field twitter 10') },
  { name: 'custom fields setting is invalid JSON', settings: { Accounts_CustomFields: '{' }, body: form({ customFields: { role: 'teacher' } }), status: 400, expected: customFieldError('Invalid JSON for Custom Fields', 'error-invalid-customfield-json', null) },
  { name: 'name missing', body: { username: 'new.user', email: 'new.user@example.com', pass: 'Secret-123' }, status: 400, expected: { success: false, error: "Match error: Missing key 'name'" } },
  { name: 'name null', body: form({ name: null }), status: 400, expected: { success: false, error: 'Match error: Expected string, got null in field name' } },
  { name: 'registration disabled', settings: { Accounts_RegistrationForm: 'Disabled' }, body: form(), status: 400, expected: meteor('error-user-registration-disabled', 'User registration is disabled', { method: 'registerUser' }) },
  { name: 'secret URL mode without secret', settings: { Accounts_RegistrationForm: 'Secret URL' }, body: form(), status: 400, expected: meteor('error-user-registration-secret', 'User registration is only allowed via Secret URL', { method: 'registerUser' }) },
  { name: 'secret URL mode with a wrong secret', settings: { Accounts_RegistrationForm: 'Secret URL' }, body: form({ secret: 'wrong' }), status: 400, expected: meteor('error-user-registration-secret', 'User registration is only allowed via Secret URL', { method: 'registerUser' }) },
  {
    name: 'secret URL mode with the right secret',
    setup: (mock) => {
      mock.workspace.settings.set('Accounts_RegistrationForm', 'Secret URL');
      mock.workspace.settings.set('Accounts_RegistrationForm_SecretURL', 'the-secret');
    },
    body: form({ secret: 'the-secret' }),
    status: 200,
    expected: success('New User', 'new.user'),
  },
  {
    name: 'password policy not met',
    settings: { Accounts_Password_Policy_Enabled: true },
    body: form({ pass: 'abc' }),
    status: 400,
    expected: {
      success: false,
      error: POLICY,
      errorType: 'error-password-policy-not-met',
      details: [
        { error: 'error-password-policy-not-met-minLength', message: 'The password does not meet the minimum length password policy.' },
        { error: 'error-password-policy-not-met-oneUppercase', message: 'The password does not contain at least one uppercase character which is against the password policy.' },
        { error: 'error-password-policy-not-met-oneNumber', message: 'The password does not contain at least one numerical character which is against the password policy.' },
        { error: 'error-password-policy-not-met-oneSpecial', message: 'The password does not contain at least one special character which is against the password policy.' },
      ],
    },
  },
  { name: 'blank password with the policy off', body: form({ pass: '   ' }), status: 400, expected: { success: false, error: POLICY, errorType: 'error-password-policy-not-met' } },
  { name: 'invalid email', body: form({ email: 'foo' }), status: 400, expected: meteor('error-invalid-email', 'Invalid email foo', { ...domainDetails, email: 'foo' }) },
  { name: 'domain not in the allowed list', settings: { Accounts_AllowedDomainsList: 'corp.com' }, body: form(), status: 400, expected: meteor('error-invalid-domain', 'The email domain is not in whitelist', domainDetails) },
  { name: 'domain in the default blocked list', body: form({ email: 'x@mailinator.com' }), status: 400, expected: meteor('error-email-domain-blacklisted', 'The email domain is blacklisted', domainDetails) },
  { name: 'domain in the blocked list', settings: { Accounts_BlockedDomainsList: 'evil.com' }, body: form({ email: 'x@evil.com' }), status: 400, expected: meteor('error-email-domain-blacklisted', 'The email domain is blacklisted', domainDetails) },
  { name: 'email in use in a different case', body: form({ email: 'ALICE@Example.com' }), status: 400, expected: meteor(403, 'Something went wrong. Please check your credentials.') },
  { name: 'success', body: form(), status: 200, expected: success('New User', 'new.user') },
];

describe('POST /api/v1/users.register', () => {
  const t = useMockchat();

  it.each(cases)('$name', async ({ settings, setup, body, status, expected }) => {
    for (const [id, value] of Object.entries(settings ?? {})) t.mock.workspace.settings.set(id, value);
    await setup?.(t.mock);
    const res = await t.api.post(REGISTER, body);
    expect(res.body).toEqual(expected);
    expect(res.status).toBe(status);
  });

  it('returns no emails, services or roles and stores the user', async () => {
    const res = await t.api.post(REGISTER, form());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.user).sort()).toEqual(['_id', 'active', 'name', 'status', 'type', 'username']);
    expect(t.mock.users.findByUsername('new.user')?.emails).toEqual([{ address: 'new.user@example.com', verified: false }]);
  });

  it('follows a setting changed through the admin REST API', async () => {
    expect((await t.api.post(REGISTER, form())).status).toBe(200);
    const auth = await t.api.login('admin', 'admin');
    const changed = await t.api.post('/api/v1/settings/Accounts_RegistrationForm', { value: 'Disabled' }, auth);
    expect(changed).toMatchObject({ status: 200, body: { success: true } });
    const res = await t.api.post(REGISTER, form({ username: 'other.user', email: 'other.user@example.com' }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(meteor('error-user-registration-disabled', 'User registration is disabled', { method: 'registerUser' }));
  });

  it('treats malformed JSON as {} and warns', async () => {
    const res = await t.api.post(REGISTER, '{bad');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalidParams("must have required property 'username'"));
    expect(res.headers.get('x-mockchat-warning')).toMatch(/JSON/);
  });

  describe('with rate limits', () => {
    let limited: Mockchat;
    beforeAll(async () => {
      limited = await startMockchat({ rateLimits: true });
    });
    afterAll(async () => {
      await limited.close();
    });

    it('allows one registration per minute, then answers 429', async () => {
      const first = await client(limited).post(REGISTER, form());
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit')).toBe('1');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
      const second = await client(limited).post(REGISTER, form({ username: 'second', email: 'second@example.com' }));
      expect(second.status).toBe(429);
      expect(Object.keys(second.body).sort()).toEqual(['error', 'success']);
      expect(second.body.success).toBe(false);
      // Rocket.Chat answers tooManyRequests(e.message): the Meteor.Error message keeps its [error-too-many-requests] suffix.
      expect(second.body.error).toMatch(
        /^Error, too many requests\. Please slow down\. You must wait (59|60) seconds before trying this endpoint again\. \[error-too-many-requests\]$/,
      );
    });
  });

  describe('with a body limit', () => {
    let small: Mockchat;
    beforeAll(async () => {
      small = await startMockchat({ bodyLimit: 1024 });
    });
    afterAll(async () => {
      await small.close();
    });

    it('answers 413 past the limit', async () => {
      const res = await client(small).post(REGISTER, form({ name: 'x'.repeat(2048) }));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ success: false });
    });
  });
});
