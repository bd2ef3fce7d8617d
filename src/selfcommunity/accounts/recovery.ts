import { hashPassword } from '../../rocketchat/passwords.js';
import type { Community } from '../community.js';
import { defaultClientId, issueToken, type TokenAnswer } from '../oauth.js';
import { FieldErrors } from '../sc-errors.js';
import { charField, checkEmail, checkPassword } from '../validation/fields.js';
import { sendValidationCode, userOfCode } from './validation-codes.js';

/**
 * `POST /api/v2/account/verify/`: the code from the create email marks the email valid and
 * logs the user in. A code works once.
 */
export function verifyAccount(c: Community, body: Record<string, unknown>): { token: TokenAnswer } {
  const errors = new FieldErrors();
  const code = charField(errors, 'validation_code', body.validation_code);
  const user = userOfCode(c, code, 'verify');
  if (code !== undefined && !user) errors.add('validation_code', 'VALIDATION_CODE_INVALID');
  errors.throwIfAny();
  c.dropValidationCode(code!);
  c.users.update(user!._id, (u) => ({ ...u, email_isvalid: true }));
  return { token: issueToken(c, user!, defaultClientId(c)) };
}

/** `POST /api/v2/account/verify/validation_code/` (SDK only): whether a reset code is valid, without using it. */
export function checkValidationCode(c: Community, body: Record<string, unknown>): { is_valid: boolean } {
  const errors = new FieldErrors();
  const code = charField(errors, 'validation_code', body.validation_code);
  errors.throwIfAny();
  return { is_valid: userOfCode(c, code, 'reset') !== undefined };
}

/** `POST /api/v2/account/recover/`: email a reset code to an existing account. Returns the code. */
export function recoverAccount(c: Community, body: Record<string, unknown>): string {
  const errors = new FieldErrors();
  const email = checkEmail(errors, body.email);
  const user = email === undefined ? undefined : c.findByEmail(email);
  if (email !== undefined && !user) errors.add('email', 'EMAIL_UNKNOWN');
  errors.throwIfAny();
  return sendValidationCode(c, user!, 'reset');
}

/** `POST /api/v2/account/reset/`: a reset code and a new password (create's rules) log the user in. */
export function resetPassword(c: Community, body: Record<string, unknown>): { token: TokenAnswer } {
  const errors = new FieldErrors();
  const code = charField(errors, 'validation_code', body.validation_code);
  const user = userOfCode(c, code, 'reset');
  if (code !== undefined && !user) errors.add('validation_code', 'VALIDATION_CODE_INVALID');
  const password = checkPassword(errors, body.password);
  errors.throwIfAny();
  c.dropValidationCode(code!);
  c.users.update(user!._id, (u) => ({ ...u, password: hashPassword(password!) }));
  // Other sessions end with a password reset (seeded, never-expiring tokens stay).
  for (const t of c.tokensOf(user!._id)) if (t.expiresAt !== null) c.dropToken(t);
  return { token: issueToken(c, c.users.get(user!._id)!, defaultClientId(c)) };
}
