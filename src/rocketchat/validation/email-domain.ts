import { raise } from '../../errors.js';
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

/** A domain-list setting, parsed once per value (`Settings.derived`). */
const list = (settings: Settings, id: string): readonly string[] => settings.derived(id, parseList);
const parseList = (value: unknown): readonly string[] => {
  const text = value === undefined ? '' : String(value);
  return text === '' ? [] : text.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
};

/** `validateEmailDomain`: format, allowed list, blocked lists — in Rocket.Chat's order. */
export function validateEmailDomain(settings: Settings, email: string): void {
  if (!isValidEmail(email)) throw raise('INVALID_EMAIL', { email }, { function: 'RocketChat.validateEmailDomain', email });
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const allowed = list(settings, 'Accounts_AllowedDomainsList');
  if (allowed.length > 0 && !allowed.includes(domain)) {
    throw raise('DOMAIN_NOT_ALLOWED', {}, { function: 'RocketChat.validateEmailDomain' });
  }
  const blocked = list(settings, 'Accounts_BlockedDomainsList');
  if (blocked.includes(domain) || (settings.bool('Accounts_UseDefaultBlockedDomainsList') && DEFAULT_BLOCKED_DOMAINS.has(domain))) {
    throw raise('DOMAIN_BLOCKED', {}, { function: 'RocketChat.validateEmailDomain' });
  }
}
