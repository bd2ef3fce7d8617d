import { insertScUser, type Community, type InviteCode, type PromoCode } from '../community.js';
import { FieldErrors } from '../sc-errors.js';
import type { ScUser } from '../sc-user.js';
import { charField, checkEmail, checkPassword, checkUsername } from '../validation/fields.js';
import { checkMetadata } from '../validation/metadata.js';
import { sendValidationCode } from './validation-codes.js';

/** The invite-code preference (`addons.invite_code`) and the promo-code feature. */
export const INVITE_CODE_PREFERENCE = 'addons.invite_code';
export const PROMO_CODE_FEATURE = 'promo_code';
export const USERS_APPROVAL_PREFERENCE = 'configurations.users_approval_enabled';

export interface CreatedAccount {
  user: ScUser;
  /** The code of the verification email (`POST /api/v2/account/verify/`). */
  validationCode: string;
}

/**
 * `POST /api/v2/account/create/` after the admin check: validate every field as a DRF
 * serializer does (all errors at once), then create the user, mark the invite code used and
 * "send" the verification email. Throws CommunityError (400) with the field errors.
 */
export function createAccount(c: Community, body: Record<string, unknown>): CreatedAccount {
  const errors = new FieldErrors();
  const rules = c.rules;
  const username = checkUsername(errors, body.username, (u) => c.users.has('username', u));
  const email = checkEmail(errors, body.email, (e) => c.users.has('email', e));
  const password = checkPassword(errors, body.password);
  const invite = c.preferenceOn(INVITE_CODE_PREFERENCE) ? checkInvite(c, errors, body.invite_code) : undefined;
  const promo = c.featureOn(PROMO_CODE_FEATURE) ? checkPromo(c, errors, body.promo_code) : undefined;
  const metadata = checkMetadata(errors, body, rules.metadata);
  errors.throwIfAny();

  const { user, clash } = insertScUser(c, {
    username: username!,
    email: email!,
    password: password!,
    role: invite?.role === 'admin' || invite?.role === 'moderator' || invite?.role === 'editor' ? invite.role : null,
    reg_approved: !c.preferenceOn(USERS_APPROVAL_PREFERENCE),
    metadata,
    ...(invite && { invite_code: invite.code }),
    ...(promo && { promo_code: promo.code }),
  });
  // The checks above saw username and email free; a clash here is a bug, not a user error.
  if (clash !== undefined) throw new Error(`account/create: ${clash} clash after validation`);
  if (invite) c.useInvite(invite.code, user.id, user.date_joined);
  return { user, validationCode: sendValidationCode(c, user, 'verify') };
}

/** `invite_code`, read only while the preference is on: then required, known and unused. */
function checkInvite(c: Community, errors: FieldErrors, value: unknown): InviteCode | undefined {
  const code = charField(errors, 'invite_code', value);
  if (code === undefined) return undefined;
  const invite = c.inviteCodes.get(code);
  if (!invite) errors.add('invite_code', 'INVITE_CODE_INVALID');
  else if (invite.used_at) errors.add('invite_code', 'INVITE_CODE_USED');
  else return invite;
  return undefined;
}

/** `promo_code`, read only while the feature is on: optional, but known and valid today when given. */
function checkPromo(c: Community, errors: FieldErrors, value: unknown): PromoCode | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const code = charField(errors, 'promo_code', value);
  if (code === undefined) return undefined;
  const promo = c.promoCodes.get(code);
  if (!promo) {
    errors.add('promo_code', 'PROMO_CODE_INVALID');
    return undefined;
  }
  if (!isValidNow(promo, c.now())) {
    errors.add('promo_code', 'PROMO_CODE_EXPIRED');
    return undefined;
  }
  return promo;
}

/** `is_valid_now`: today lies within `valid_from`..`valid_to` (dates, inclusive; null is open). */
export function isValidNow(promo: PromoCode, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return (!promo.valid_from || promo.valid_from <= today) && (!promo.valid_to || today <= promo.valid_to);
}
