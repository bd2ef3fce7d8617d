import { describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../errors.js';
import { Settings } from '../settings.js';
import { checkStringFields } from './check.js';
import { validateCustomFields } from './custom-fields.js';
import { validateEmailDomain } from './email-domain.js';
import { hasValidNameChars } from './name-chars.js';
import { passwordPolicyFailures, validatePasswordPolicy } from './password-policy.js';
import { isBlockedUsername, isValidUsername } from './username.js';

const thrown = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e as WorkspaceError;
  }
  throw new Error('did not throw');
};

describe('check (Meteor Match emulation)', () => {
  const pattern = { required: ['email', 'pass', 'name'], optional: ['secretURL'] };
  it.each([
    [{ email: 'a', pass: 'b' }, "Match error: Missing key 'name'"],
    [{ pass: 'b', name: 'c' }, "Match error: Missing key 'email'"],
    [{ email: 1, pass: 'b', name: 'c' }, 'Match error: Expected string, got number in field email'],
    [{ email: 'a', pass: 'b', name: null }, 'Match error: Expected string, got null in field name'],
    ['text', 'Match error: Expected object, got string'],
    [null, 'Match error: Expected object, got null'],
    [{ email: 'a', pass: 'b', name: 'c', secretURL: 5 }, 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation in field secretURL'],
  ])('%j → %s', (value, message) => {
    const e = thrown(() => checkStringFields(value, pattern));
    expect(e.kind).toBe('match');
    expect(e.message).toBe(message);
  });
  it('accepts extra keys (ObjectIncluding)', () => {
    expect(() => checkStringFields({ email: 'a', pass: 'b', name: 'c', username: 'x' }, pattern)).not.toThrow();
  });
});

describe('usernames and names', () => {
  const s = new Settings();
  it.each([['john.doe', true], ['a-b_c', true], ['a b', false], ['jöhn', false], ['', false]])('%s valid: %s', (u, ok) => {
    expect(isValidUsername(s, u)).toBe(ok);
  });
  it('follows UTF8_User_Names_Validation and falls back on an invalid pattern', () => {
    const t = new Settings({ UTF8_User_Names_Validation: '[a-z]+' });
    expect(isValidUsername(t, 'abc')).toBe(true);
    expect(isValidUsername(t, 'ABC')).toBe(false);
    t.set('UTF8_User_Names_Validation', '[');
    expect(isValidUsername(t, 'a.b')).toBe(true);
  });
  it('blocks all, here and the system list case-insensitively', () => {
    for (const u of ['all', 'HERE', 'Admin', 'system', 'user']) expect(isBlockedUsername(s, u)).toBe(true);
    expect(isBlockedUsername(s, 'alice')).toBe(false);
  });
  it.each([['Jane Doe', true], ['a<b', false], ['a/b', false], ['%3Cscript', false], ['%E0%A4%A', false]])('name %s ok: %s', (n, ok) => {
    expect(hasValidNameChars(n)).toBe(ok);
  });
});

describe('email domain', () => {
  it.each([
    [{}, 'foo', 'error-invalid-email'],
    [{}, 'a@mailinator.com', 'error-email-domain-blacklisted'],
    [{ Accounts_BlockedDomainsList: 'evil.com, bad.org' }, 'a@bad.org', 'error-email-domain-blacklisted'],
    [{ Accounts_AllowedDomainsList: 'corp.com' }, 'a@other.com', 'error-invalid-domain'],
  ])('%j %s → %s', (settings, email, id) => {
    expect(thrown(() => validateEmailDomain(new Settings(settings), email)).error).toBe(id);
  });
  it('accepts a normal address and the default list can be switched off', () => {
    expect(() => validateEmailDomain(new Settings(), 'a@example.com')).not.toThrow();
    expect(() => validateEmailDomain(new Settings({ Accounts_UseDefaultBlockedDomainsList: false }), 'a@mailinator.com')).not.toThrow();
  });
});

describe('password policy', () => {
  const on = new Settings({ Accounts_Password_Policy_Enabled: true });
  it('is off by default except for blank passwords', () => {
    expect(passwordPolicyFailures(new Settings(), 'a')).toEqual([]);
    expect(thrown(() => validatePasswordPolicy(new Settings(), '  ')).details).toBeUndefined();
  });
  it('reports every broken rule at once', () => {
    expect(passwordPolicyFailures(on, 'aaaa')).toEqual(['minLength', 'repeatingCharacters', 'oneUppercase', 'oneNumber', 'oneSpecial']);
    expect(passwordPolicyFailures(on, 'Abcdef1!')).toEqual([]);
    const e = thrown(() => validatePasswordPolicy(on, 'ABCDEFGH'));
    expect(e.error).toBe('error-password-policy-not-met');
    expect(e.details).toEqual([
      { error: 'error-password-policy-not-met-oneLowercase', message: 'The password does not contain at least one lowercase character which is against the password policy.' },
      { error: 'error-password-policy-not-met-oneNumber', message: 'The password does not contain at least one numerical character which is against the password policy.' },
      { error: 'error-password-policy-not-met-oneSpecial', message: 'The password does not contain at least one special character which is against the password policy.' },
    ]);
  });
  it('honours max length', () => {
    const s = new Settings({ Accounts_Password_Policy_Enabled: true, Accounts_Password_Policy_MaxLength: 8 });
    expect(passwordPolicyFailures(s, 'Abcdefg1!x')).toEqual(['maxLength']);
  });
});

describe('custom fields', () => {
  const defs = JSON.stringify({
    role: { type: 'select', options: ['teacher', 'student'], required: true },
    twitter: { type: 'text', required: true, minLength: 2, maxLength: 10 },
  });
  const s = new Settings({ Accounts_CustomFields: defs });
  it.each([
    [{}, 'Field role is required'],
    [{ role: 'x', twitter: 'abc' }, 'Value for field role is invalid'],
    [{ role: 'teacher' }, 'Field twitter is required'],
    [{ role: 'teacher', twitter: '0' }, 'Min length of field twitter 2'],
    [{ role: 'teacher', twitter: '0123456789-0' }, 'Max length of field twitter 10'],
  ])('%j → %s', (values, reason) => {
    const e = thrown(() => validateCustomFields(s, values));
    expect(e.reason).toBe(reason);
    expect(e.error).toBe('error-user-registration-custom-field');
  });
  it('reports invalid JSON and ignores a blank definition', () => {
    expect(thrown(() => validateCustomFields(new Settings({ Accounts_CustomFields: '{' }), {})).error).toBe('error-invalid-customfield-json');
    expect(() => validateCustomFields(new Settings(), { anything: 1 })).not.toThrow();
  });
});

describe('Settings.lowerCaseList (blocked usernames, domain lists)', () => {
  it('trims, lower-cases and drops empty items, and follows a changed setting', () => {
    const s = new Settings({ Accounts_BlockedDomainsList: ' Evil.COM, ,bad.org,' });
    expect([...s.lowerCaseList('Accounts_BlockedDomainsList')]).toEqual(['evil.com', 'bad.org']);
    expect(() => validateEmailDomain(s, 'a@EVIL.com')).toThrow();
    s.set('Accounts_BlockedDomainsList', 'other.net');
    expect([...s.lowerCaseList('Accounts_BlockedDomainsList')]).toEqual(['other.net']);
    expect(() => validateEmailDomain(s, 'a@evil.com')).not.toThrow();
    expect(() => validateEmailDomain(s, 'a@other.net')).toThrow();
    expect(s.lowerCaseList('Accounts_AllowedDomainsList').size).toBe(0);
  });
});
