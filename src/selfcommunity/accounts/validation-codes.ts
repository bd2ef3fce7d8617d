import type { Community, ValidationCode } from '../community.js';
import type { ScUser } from '../sc-user.js';

/** Create a one-time validation code for a user and "send" it (kept in the community's bounded outbox). */
export function sendValidationCode(c: Community, user: ScUser, purpose: ValidationCode['purpose']): string {
  const code = c.newSecret();
  c.putValidationCode({ code, userId: user._id, purpose });
  c.send({ to: user.email, purpose, validation_code: code });
  return code;
}

/** The user a code was sent to, when the code exists and serves `purpose`. */
export function userOfCode(c: Community, code: string | undefined, purpose: ValidationCode['purpose']): ScUser | undefined {
  const entry = code === undefined ? undefined : c.validationCodes.get(code);
  return entry && entry.purpose === purpose ? c.users.get(entry.userId) : undefined;
}
