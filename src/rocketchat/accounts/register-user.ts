import { raise } from '../../errors.js';
import { checkStringFields } from '../validation/check.js';
import { validateCustomFields, applyCustomFields } from '../validation/custom-fields.js';
import { validateEmailDomain } from '../validation/email-domain.js';
import { validatePasswordPolicy } from '../validation/password-policy.js';
import type { Workspace } from '../workspace.js';
import { insertUser, normalizeEmail } from './new-user.js';

export type RegisterResult = string | { token: string; when: Date };

/**
 * The `registerUser` method body (server/methods/registerUser.ts), shared by DDP, the
 * method.call bridge and REST `users.register`. Returns the new user's id, or a stamped
 * login token for an anonymous user. `preset.username` is for REST `users.register`, which
 * validated the username already and sets it right after (one write instead of two).
 */
export function registerUser(ws: Workspace, formData: unknown, preset: { username?: string } = {}): RegisterResult {
  const s = ws.settings;
  const data = formData as Record<string, unknown> | null | undefined;
  if (s.bool('Accounts_AllowAnonymousRead') && s.bool('Accounts_AllowAnonymousWrite') && !data?.email) {
    const user = insertUser(ws, { roles: ['anonymous'], active: true });
    return ws.tokens.issue(user._id, ws.ids, ws.now());
  }
  checkStringFields(formData, { required: ['email', 'pass', 'name'], optional: ['secretURL', 'reason'] });
  const form = formData as Record<string, string> & { customFields?: unknown };

  const mode = s.string('Accounts_RegistrationForm');
  if (mode === 'Disabled') throw raise('REGISTRATION_DISABLED', {}, { method: 'registerUser' });
  if (mode === 'Secret URL' && (!form.secretURL || form.secretURL !== s.string('Accounts_RegistrationForm_SecretURL'))) {
    throw raise('REGISTRATION_SECRET', {}, { method: 'registerUser' });
  }
  validatePasswordPolicy(s, form.pass);
  validateEmailDomain(s, form.email);
  // Rocket.Chat 7.x drops customFields sent to the method; mockchat validates and saves them
  // as seed document 001 documents (docs/decisions/0003-custom-fields-over-ddp.md).
  const customFields = isObject(form.customFields) ? form.customFields : undefined;
  if (customFields) validateCustomFields(s, customFields);

  const reason = (form.reason ?? '').trim();
  const user = insertUser(
    ws,
    {
      email: normalizeEmail(form.email),
      password: form.pass,
      name: form.name.trim(),
      username: preset.username,
      reason: s.bool('Accounts_ManuallyApproveNewUsers') ? reason : undefined,
    },
    customFields && ((u) => applyCustomFields(s, u, customFields)),
  );
  return user._id;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
