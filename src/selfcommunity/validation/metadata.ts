import type { MetadataField } from '../community.js';
import type { FieldErrors } from '../sc-errors.js';
import { isEmail } from './fields.js';

export type MetadataValue = string | number | boolean;

// django-phonenumber-field accepts international numbers: an optional +, 6 to 15 digits, common separators.
const PHONE = /^\+?[0-9][0-9 ().-]{4,22}[0-9]$/;

/**
 * Validate the custom user metadata fields of a create body against the definitions
 * (`configurations.user_metadata_definition`). Only defined fields are read; other keys are
 * ignored, as a DRF serializer ignores unknown input. Returns the cleaned values.
 */
export function checkMetadata(errors: FieldErrors, body: Record<string, unknown>, definitions: Record<string, MetadataField>): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  for (const [name, def] of Object.entries(definitions)) {
    const raw = body[name];
    const missing = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (missing) {
      if (def.mandatory) errors.add(name, raw === undefined || raw === null ? 'REQUIRED' : 'BLANK');
      continue;
    }
    const value = checkValue(errors, name, raw, def);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function checkValue(errors: FieldErrors, name: string, raw: unknown, def: MetadataField): MetadataValue | undefined {
  const type = def.type ?? 'string';
  if (type === 'checkbox') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    errors.add(name, 'BOOLEAN_INVALID');
    return undefined;
  }
  if (type === 'integer') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(n)) return n;
    errors.add(name, 'INTEGER_INVALID');
    return undefined;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    errors.add(name, 'NOT_A_STRING');
    return undefined;
  }
  const text = String(raw).trim();
  switch (type) {
    case 'enum':
      if ((def.type_options ?? []).includes(text)) return text;
      errors.add(name, 'CHOICE_INVALID', { value: text });
      return undefined;
    case 'url':
      if (isUrl(text)) return text;
      errors.add(name, 'URL_INVALID');
      return undefined;
    case 'email':
      if (isEmail(text)) return text;
      errors.add(name, 'EMAIL_INVALID');
      return undefined;
    case 'phone_number':
      if (PHONE.test(text) && text.replace(/\D/g, '').length >= 6 && text.replace(/\D/g, '').length <= 15) return text;
      errors.add(name, 'PHONE_INVALID');
      return undefined;
    default:
      if (text.length > 255) {
        errors.add(name, 'MAX_LENGTH', { max: 255 });
        return undefined;
      }
      return text;
  }
}

function isUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}
