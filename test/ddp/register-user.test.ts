import EJSON from 'ejson';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { expectContractResult } from '../support/ddp-contract.js';
import { client, startMockchat } from '../support/start-mockchat.js';

type SettingValue = string | number | boolean;

const CUSTOM_FIELDS = JSON.stringify({
  role: { type: 'select', defaultValue: 'student', options: ['teacher', 'student'], required: true, modifyRecordField: { array: true, field: 'roles' } },
  twitter: { type: 'text', required: true, minLength: 2, maxLength: 10 },
});
const POLICY = "The password provided does not meet the server's password policy.";
const form = (extra: Record<string, unknown> = {}) => ({ email: 'new.user@example.com', pass: 'Secret-123', name: 'New User', ...extra });
const meteor = (error: string | number, reason: string, details?: unknown) => ({
  isClientSafe: true,
  error,
  reason,
  message: `${reason} [${error}]`,
  errorType: 'Meteor.Error',
  ...(details !== undefined && { details }),
});
const MATCH_FAILED = meteor(400, 'Match failed');
const INTERNAL = meteor(500, 'Internal server error');
const domain = { function: 'RocketChat.validateEmailDomain' };
const registerUser = { method: 'registerUser' };

interface Case {
  name: string;
  settings?: Record<string, SettingValue>;
  params: unknown[];
  /** The error a DDP client sees (sanitised). */
  ddp: unknown;
  /** The error inside method.callAnon's message (unsanitised); defaults to `ddp`. */
  rest?: unknown;
}

const cases: Case[] = [
  { name: 'registration disabled', settings: { Accounts_RegistrationForm: 'Disabled' }, params: [form()], ddp: meteor('error-user-registration-disabled', 'User registration is disabled', registerUser) },
  { name: 'secret URL mode without a secret', settings: { Accounts_RegistrationForm: 'Secret URL', Accounts_RegistrationForm_SecretURL: 's3cret' }, params: [form()], ddp: meteor('error-user-registration-secret', 'User registration is only allowed via Secret URL', registerUser) },
  { name: 'secret URL mode with a wrong secret', settings: { Accounts_RegistrationForm: 'Secret URL', Accounts_RegistrationForm_SecretURL: 's3cret' }, params: [form({ secretURL: 'nope' })], ddp: meteor('error-user-registration-secret', 'User registration is only allowed via Secret URL', registerUser) },
  {
    name: 'password policy (plain PasswordPolicyError → 500 over DDP)',
    settings: { Accounts_Password_Policy_Enabled: true },
    params: [form({ pass: 'abc' })],
    ddp: INTERNAL,
    rest: {
      error: 'error-password-policy-not-met',
      details: [
        { error: 'error-password-policy-not-met-minLength', message: 'The password does not meet the minimum length password policy.' },
        { error: 'error-password-policy-not-met-oneUppercase', message: 'The password does not contain at least one uppercase character which is against the password policy.' },
        { error: 'error-password-policy-not-met-oneNumber', message: 'The password does not contain at least one numerical character which is against the password policy.' },
        { error: 'error-password-policy-not-met-oneSpecial', message: 'The password does not contain at least one special character which is against the password policy.' },
      ],
    },
  },
  { name: 'blank password with the policy off', params: [form({ pass: '  ' })], ddp: INTERNAL, rest: { error: 'error-password-policy-not-met' } },
  { name: 'invalid email', params: [form({ email: 'foo' })], ddp: meteor('error-invalid-email', 'Invalid email foo', { ...domain, email: 'foo' }) },
  { name: 'domain not in the allowed list', settings: { Accounts_AllowedDomainsList: 'corp.com' }, params: [form()], ddp: meteor('error-invalid-domain', 'The email domain is not in whitelist', domain) },
  { name: 'domain in the default blocked list', params: [form({ email: 'x@mailinator.com' })], ddp: meteor('error-email-domain-blacklisted', 'The email domain is blacklisted', domain) },
  { name: 'domain in the blocked list', settings: { Accounts_BlockedDomainsList: 'evil.com' }, params: [form({ email: 'x@evil.com' })], ddp: meteor('error-email-domain-blacklisted', 'The email domain is blacklisted', domain) },
  { name: 'duplicate email (other case)', params: [form({ email: 'ALICE@Example.com' })], ddp: meteor(403, 'Something went wrong. Please check your credentials.') },
  { name: 'custom field required', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, params: [form({ customFields: { twitter: 'abcd' } })], ddp: meteor('error-user-registration-custom-field', 'Field role is required', registerUser) },
  { name: 'custom field select invalid', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, params: [form({ customFields: { role: 'x', twitter: 'abcd' } })], ddp: meteor('error-user-registration-custom-field', 'Value for field role is invalid', registerUser) },
  { name: 'custom field too short', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, params: [form({ customFields: { role: 'teacher', twitter: '0' } })], ddp: meteor('error-user-registration-custom-field', 'Min length of field twitter 2', registerUser) },
  { name: 'custom field too long', settings: { Accounts_CustomFields: CUSTOM_FIELDS }, params: [form({ customFields: { role: 'teacher', twitter: '0123456789-0' } })], ddp: meteor('error-user-registration-custom-field', 'Max length of field twitter 10', registerUser) },
  { name: 'custom fields setting is invalid JSON', settings: { Accounts_CustomFields: '{' }, params: [form({ customFields: { role: 'teacher' } })], ddp: meteor('error-invalid-customfield-json', 'Invalid JSON for Custom Fields') },
  { name: 'missing name', params: [{ email: 'new.user@example.com', pass: 'Secret-123' }], ddp: MATCH_FAILED, rest: { message: "Match error: Missing key 'name'", path: '', sanitizedError: MATCH_FAILED, errorType: 'Match.Error' } },
  { name: 'name null', params: [form({ name: null })], ddp: MATCH_FAILED, rest: { message: 'Match error: Expected string, got null in field name', path: 'name', sanitizedError: MATCH_FAILED, errorType: 'Match.Error' } },
  { name: 'no params at all', params: [], ddp: MATCH_FAILED, rest: { message: 'Match error: Expected object, got undefined', path: '', sanitizedError: MATCH_FAILED, errorType: 'Match.Error' } },
];

describe('registerUser error matrix', () => {
  let mock: Mockchat;
  let ddp: RawDdp;

  beforeAll(async () => {
    mock = await startMockchat();
    ddp = await RawDdp.connect(mock.wsUrl);
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    ddp.close();
    await mock.close();
  });

  const apply = (c: Case) => {
    for (const [id, value] of Object.entries(c.settings ?? {})) mock.workspace.settings.set(id, value);
  };

  it.each(cases)('over DDP: $name', async (c) => {
    apply(c);
    const { result } = await ddp.call('registerUser', ...c.params);
    expect(result).toEqual({ msg: 'result', id: expect.any(String), error: c.ddp });
    expect(mock.users.findByEmail('new.user@example.com')).toBeUndefined();
  });

  it.each(cases)('over method.callAnon: $name', async (c) => {
    apply(c);
    const res = await client(mock).post('/api/v1/method.callAnon/registerUser', { message: EJSON.stringify({ msg: 'method', id: '7', method: 'registerUser', params: c.params }) });
    expect(res).toMatchObject({ status: 200, body: { success: true } });
    expect(JSON.parse(res.body.message)).toEqual({ msg: 'result', id: '7', error: c.rest ?? c.ddp });
  });

  it('registers over DDP: the result is the new user id, without a username and without logging in', async () => {
    const { result } = await ddp.call('registerUser', form({ email: 'New.User@Example.com', reason: 'hi' }));
    const user = mock.users.findByEmail('new.user@example.com');
    expect(result.result).toBe(user?._id);
    expectContractResult('registerUser', result);
    expect(user).toMatchObject({ name: 'New User', emails: [{ address: 'new.user@example.com', verified: false }] });
    expect(user?.username).toBeUndefined();
    await expect(ddp.apply('getUsernameSuggestion')).rejects.toMatchObject({ error: 'error-invalid-user' });
  });

  it('registers with the right secret URL', async () => {
    apply({ name: '', params: [], ddp: null, settings: { Accounts_RegistrationForm: 'Secret URL', Accounts_RegistrationForm_SecretURL: 's3cret' } });
    expect(await ddp.apply('checkRegistrationSecretURL', 's3cret')).toBe(true);
    expect(await ddp.apply('registerUser', form({ secretURL: 's3cret' }))).toEqual(expect.any(String));
  });

  it('saves valid custom fields', async () => {
    mock.workspace.settings.set('Accounts_CustomFields', CUSTOM_FIELDS);
    await ddp.apply('registerUser', form({ customFields: { role: 'teacher', twitter: '@nu' } }));
    expect(mock.users.findByEmail('new.user@example.com')?.customFields).toEqual({ role: 'teacher', twitter: '@nu' });
  });
});

describe('registerUser rate limit (rateLimits: true)', () => {
  it('shares one global bucket: the second call gets too-many-requests', async () => {
    const mock = await startMockchat({ rateLimits: true });
    const a = await RawDdp.connect(mock.wsUrl);
    const b = await RawDdp.connect(mock.wsUrl);
    expect(await a.apply('registerUser', form())).toEqual(expect.any(String));
    const { result } = await b.call('registerUser', form({ email: 'other@example.com' }));
    const reason = 'Error, too many requests. Please slow down. You must wait 60 seconds before trying again.';
    expect(result.error).toEqual({ ...meteor('too-many-requests', reason), details: { timeToReset: expect.any(Number) } });
    expect(result.error.details.timeToReset).toBeGreaterThan(59_000);
    a.close();
    b.close();
    await mock.close();
  });
});
