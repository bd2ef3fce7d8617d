import { matchError } from '../../errors.js';
import { checkString, describe as typeName } from './check.js';
import type { PasswordInput } from '../passwords.js';

/** A login request that passed the `check()` calls of the handler that will serve it. */
export type CheckedLogin =
  | { handler: 'resume'; resume: string }
  | { handler: 'password'; user: { username: string } | { email: string } | { id: string }; password: PasswordInput }
  | { handler: 'none' };

/** Meteor's limit on plain-text passwords (`Meteor.settings.packages.accounts.passwordMaxLength`, default 256). */
const PASSWORD_MAX_LENGTH = 256;
const USER_KEYS = ['id', 'username', 'email'];

/** Meteor's `check(value, {...})` / `Object` on a non-plain-object value. */
const objectProblem = (v: unknown) => (typeof v !== 'object' || v === null ? `Expected object, got ${typeName(v)}` : Array.isArray(v) ? 'Expected plain object' : undefined);

/**
 * The `check()` calls on the way into Meteor's `login` method, in Meteor's order:
 * `check(options, Object)`; the resume handler (`options.resume` truthy → `check(resume, String)`);
 * the password handler (`options.password` truthy → `check(options, {user:
 * Accounts._userQueryValidator, password: passwordValidator, code: Match.Optional(NonEmptyString)})`).
 * A failure throws a Match.Error (over DDP: `Match failed [400]`); no handler → `{handler: 'none'}`.
 * Messages nest as Meteor's do for `Match.Where` validators that call `check()` themselves.
 */
export function checkLoginOptions(options: unknown): CheckedLogin {
  const problem = objectProblem(options);
  if (problem) throw matchError(problem);
  const o = options as Record<string, unknown>;
  if (o.resume) {
    checkString(o.resume);
    return { handler: 'resume', resume: o.resume };
  }
  if (!o.password) return { handler: 'none' };
  const missing = new Set(['user', 'password']);
  for (const [key, value] of Object.entries(o)) {
    if (key === 'user') checkUserQuery(value);
    else if (key === 'password') checkPassword(value);
    else if (key === 'code') {
      const failure = nonEmptyStringProblem(value);
      if (failure) throw nested(failure, 'code');
    } else throw matchError('Unknown key in field ' + key, key);
    missing.delete(key);
  }
  const [first] = missing;
  if (first) throw matchError(`Missing key '${first}'`);
  return { handler: 'password', user: o.user as { username: string }, password: o.password as PasswordInput };
}

/** `Accounts._userQueryValidator`: a `Match.Where` that checks `{id?, username?, email?}` (non-empty strings) and exactly one key. */
function checkUserQuery(user: unknown): void {
  const problem = objectProblem(user);
  if (problem) throw nested({ message: `Match error: ${problem}`, path: '' }, 'user');
  for (const [key, value] of Object.entries(user as Record<string, unknown>)) {
    if (!USER_KEYS.includes(key)) throw nested({ message: `Match error: Unknown key in field ${key}`, path: key }, 'user');
    const failure = nonEmptyStringProblem(value);
    if (failure) throw nested({ message: `Match error: ${failure.message} in field ${key}`, path: key }, 'user');
  }
  if (Object.keys(user as object).length !== 1) throw nested({ message: 'Match error: User property must have exactly one field', path: '' }, 'user');
}

/** `passwordValidator`: a string of at most 256 characters, or exactly `{digest: <64 characters>, algorithm: 'sha-256'}`. */
function checkPassword(password: unknown): void {
  const plain = typeof password === 'string' && password.length <= PASSWORD_MAX_LENGTH;
  const p = password as Record<string, unknown> | null;
  const digest =
    !objectProblem(password) &&
    Object.keys(p!).every((k) => k === 'digest' || k === 'algorithm') &&
    typeof p!.digest === 'string' &&
    p!.digest.length === 64 &&
    p!.algorithm === 'sha-256';
  if (!plain && !digest) throw matchError('Failed Match.OneOf, Match.Maybe or Match.Optional validation in field password', 'password');
}

/** `NonEmptyString = Match.Where(x => { check(x, String); return x.length > 0; })`. */
function nonEmptyStringProblem(value: unknown): { message: string; path: string } | undefined {
  if (typeof value !== 'string') return { message: `Match error: Expected string, got ${typeName(value)}`, path: '' };
  return value.length > 0 ? undefined : { message: 'Failed Match.Where validation', path: '' };
}

/** A failure inside a sub-pattern, as the outer `check()` reports it: `<inner message> in field <key>[.<inner path>]`. */
function nested(inner: { message: string; path: string }, key: string) {
  const path = inner.path ? `${key}.${inner.path}` : key;
  return matchError(`${inner.message} in field ${path}`, path);
}
