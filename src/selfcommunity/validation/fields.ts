import type { FieldErrors } from '../sc-errors.js';

/**
 * Field checks of SelfCommunity's account serializers, DRF-style: each adds its errors to
 * the collector and returns the cleaned value (undefined when the field failed).
 */

const USERNAME = /^[a-zA-Z0-9_-]+$/;
// Django's EmailValidator, simplified: one @, a dotted domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a text is an email address (account `email` and `email` metadata fields alike). */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** A DRF CharField: required, not blank, numbers and booleans coerced to strings, objects refused; `trim` is `trim_whitespace`. */
export function charField(errors: FieldErrors, name: string, value: unknown, required = true, trim = true): string | undefined {
  if (value === undefined || value === null) {
    if (required) errors.add(name, 'REQUIRED');
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    errors.add(name, 'NOT_A_STRING');
    return undefined;
  }
  const text = trim ? String(value).trim() : String(value);
  // DRF: only '' is blank, or whitespace when the field trims (`trim_whitespace`).
  if (text === '') {
    errors.add(name, 'BLANK');
    return undefined;
  }
  return text;
}

/** `username`: at most 255 characters of `a-z A-Z 0-9 _ -` (documented); every failing rule is reported. */
export function checkUsername(errors: FieldErrors, value: unknown, taken: (u: string) => boolean): string | undefined {
  const username = charField(errors, 'username', value);
  if (username === undefined) return undefined;
  if (username.length > 255) errors.add('username', 'MAX_LENGTH', { max: 255 });
  if (!USERNAME.test(username)) errors.add('username', 'USERNAME_CHARS');
  else if (taken(username)) errors.add('username', 'USERNAME_TAKEN');
  return errors.has('username') ? undefined : username;
}

/** `email`: a valid address; when `taken` is given, unique (case-insensitive). */
export function checkEmail(errors: FieldErrors, value: unknown, taken?: (e: string) => boolean, name = 'email'): string | undefined {
  const email = charField(errors, name, value);
  if (email === undefined) return undefined;
  if (email.length > 254 || !isEmail(email)) {
    errors.add(name, 'EMAIL_INVALID');
    return undefined;
  }
  if (taken?.(email)) {
    errors.add(name, 'EMAIL_TAKEN');
    return undefined;
  }
  return email;
}

/** `password`: 8 to 128 characters with at least 3 of 4 classes (lower, upper, digit, special); not trimmed. */
export function checkPassword(errors: FieldErrors, value: unknown, name = 'password'): string | undefined {
  const password = charField(errors, name, value, true, false);
  if (password === undefined) return undefined;
  if (password.length < 8) errors.add(name, 'MIN_LENGTH', { min: 8 });
  if (password.length > 128) errors.add(name, 'MAX_LENGTH', { max: 128 });
  if (passwordClasses(password) < 3) errors.add(name, 'PASSWORD_CLASSES');
  return errors.has(name) ? undefined : password;
}

/** How many of the four character classes a password uses. */
export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}
