import { raise } from '../../errors.js';
import { fold } from '../../json-values.js';
import type { Settings } from '../settings.js';

// validateEmailDomain's address pattern.
const EMAIL = /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;

/** A sample of Rocket.Chat's built-in disposable-mail list (`Accounts_UseDefaultBlockedDomainsList`). */
export const DEFAULT_BLOCKED_DOMAINS = new Set([
  'mailinator.com', 'guerrillamail.com', 'guerrillamail.net', 'sharklasers.com', '10minutemail.com',
  'temp-mail.org', 'tempmail.com', 'yopmail.com', 'trashmail.com', 'getnada.com', 'dispostable.com',
  'maildrop.cc', 'throwawaymail.com', 'fakeinbox.com', 'mintemail.com', 'mailnesia.com',
]);

export function isValidEmail(email: string): boolean {
  return EMAIL.test(email);
}

/** `validateEmailDomain`: format, allowed list, blocked lists — in Rocket.Chat's order. */
export function validateEmailDomain(settings: Settings, email: string): void {
  if (!isValidEmail(email)) throw raise('INVALID_EMAIL', { email }, { function: 'RocketChat.validateEmailDomain', email });
  const domain = fold(email.slice(email.lastIndexOf('@') + 1));
  const allowed = settings.lowerCaseList('Accounts_AllowedDomainsList');
  if (allowed.size > 0 && !allowed.has(domain)) {
    throw raise('DOMAIN_NOT_ALLOWED', {}, { function: 'RocketChat.validateEmailDomain' });
  }
  const blocked = settings.lowerCaseList('Accounts_BlockedDomainsList');
  if (blocked.has(domain) || (settings.bool('Accounts_UseDefaultBlockedDomainsList') && DEFAULT_BLOCKED_DOMAINS.has(domain))) {
    throw raise('DOMAIN_BLOCKED', {}, { function: 'RocketChat.validateEmailDomain' });
  }
}
