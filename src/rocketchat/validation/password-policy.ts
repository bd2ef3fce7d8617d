import { raise } from '../../errors.js';
import type { Settings } from '../settings.js';

const RULES = {
  minLength: 'The password does not meet the minimum length password policy.',
  maxLength: 'The password does not meet the maximum length password policy.',
  repeatingCharacters: 'The password contains repeating characters which is against the password policy.',
  oneLowercase: 'The password does not contain at least one lowercase character which is against the password policy.',
  oneUppercase: 'The password does not contain at least one uppercase character which is against the password policy.',
  oneNumber: 'The password does not contain at least one numerical character which is against the password policy.',
  oneSpecial: 'The password does not contain at least one special character which is against the password policy.',
} as const;

export type PolicyRule = keyof typeof RULES;

/** The rules a password breaks under the current settings (empty when the policy is off). */
export function passwordPolicyFailures(settings: Settings, password: string): PolicyRule[] {
  if (!settings.bool('Accounts_Password_Policy_Enabled')) return [];
  const failures: PolicyRule[] = [];
  const min = settings.number('Accounts_Password_Policy_MinLength');
  const max = settings.number('Accounts_Password_Policy_MaxLength');
  const repeat = settings.number('Accounts_Password_Policy_ForbidRepeatingCharactersCount');
  if (min > 0 && password.length < min) failures.push('minLength');
  if (max > 0 && password.length > max) failures.push('maxLength');
  if (settings.bool('Accounts_Password_Policy_ForbidRepeatingCharacters') && repeat > 0 && new RegExp(`(.)\\1{${repeat},}`).test(password)) {
    failures.push('repeatingCharacters');
  }
  if (settings.bool('Accounts_Password_Policy_AtLeastOneLowercase') && !/[a-z]/.test(password)) failures.push('oneLowercase');
  if (settings.bool('Accounts_Password_Policy_AtLeastOneUppercase') && !/[A-Z]/.test(password)) failures.push('oneUppercase');
  if (settings.bool('Accounts_Password_Policy_AtLeastOneNumber') && !/[0-9]/.test(password)) failures.push('oneNumber');
  if (settings.bool('Accounts_Password_Policy_AtLeastOneSpecialCharacter') && !/[^A-Za-z0-9]/.test(password)) failures.push('oneSpecial');
  return failures;
}

/**
 * `passwordPolicy.validate`: an empty or blank password always fails; otherwise every broken
 * rule is reported at once in `details` (the aggregated PasswordPolicyError of 7.x).
 */
export function validatePasswordPolicy(settings: Settings, password: string): void {
  if (!password || !password.trim()) throw raise('PASSWORD_POLICY');
  const failures = passwordPolicyFailures(settings, password);
  if (failures.length > 0) {
    throw raise('PASSWORD_POLICY', {}, failures.map((rule) => ({ error: `error-password-policy-not-met-${rule}`, message: RULES[rule] })));
  }
}
