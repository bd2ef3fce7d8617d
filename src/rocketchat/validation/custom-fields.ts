import { raise } from '../../errors.js';
import type { Settings } from '../settings.js';
import type { UserDoc } from '../user.js';

/** One entry of the `Accounts_CustomFields` JSON setting. */
export interface CustomFieldDefinition {
  type?: 'text' | 'select';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  options?: string[];
  defaultValue?: unknown;
  modifyRecordField?: { field: string; array?: boolean };
  public?: boolean;
}

type Definitions = Record<string, CustomFieldDefinition>;

/** Parsed definitions, or `undefined` when the setting is blank; throws on invalid JSON. */
export function customFieldDefinitions(settings: Settings): Definitions | undefined {
  const parsed = settings.derived('Accounts_CustomFields', (value) => {
    const text = String(value ?? '').trim();
    if (!text) return { ok: true as const, defs: undefined };
    try {
      const defs = JSON.parse(text) as unknown;
      return typeof defs === 'object' && defs !== null ? { ok: true as const, defs: defs as Definitions } : { ok: false as const };
    } catch {
      return { ok: false as const };
    }
  });
  if (!parsed.ok) throw raise('CUSTOM_FIELDS_JSON');
  return parsed.defs;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** `validateCustomFields`: each defined field, in definition order. */
export function validateCustomFields(settings: Settings, values: Record<string, unknown>): void {
  const defs = customFieldDefinitions(settings);
  if (!defs) return;
  const details = { method: 'registerUser' };
  for (const [field, def] of Object.entries(defs)) {
    const value = text(values[field]);
    if (def.required && value === '') throw raise('CUSTOM_FIELD_REQUIRED', { field }, details);
    if (def.type === 'select' && !(def.options ?? []).includes(values[field] as string)) throw raise('CUSTOM_FIELD_INVALID', { field }, details);
    if (def.maxLength && value.length > def.maxLength) throw raise('CUSTOM_FIELD_MAX', { field, max: def.maxLength }, details);
    if (def.minLength && value.length < def.minLength) throw raise('CUSTOM_FIELD_MIN', { field, min: def.minLength }, details);
  }
}

/** `saveCustomFieldsWithoutValidation`: keep defined keys only; apply `modifyRecordField`. */
export function applyCustomFields(settings: Settings, user: UserDoc, values: Record<string, unknown>): void {
  const defs = customFieldDefinitions(settings);
  if (!defs) return;
  const saved: Record<string, unknown> = { ...user.customFields };
  for (const [field, def] of Object.entries(defs)) {
    if (!(field in values)) continue;
    const value = values[field];
    saved[field] = value;
    const target = def.modifyRecordField;
    if (!target?.field) continue;
    if (target.field === 'roles' && target.array) {
      if (typeof value === 'string' && !user.roles.includes(value)) user.roles.push(value);
    } else {
      const extra = (user.extra ??= {});
      if (target.array) {
        const list = Array.isArray(extra[target.field]) ? (extra[target.field] as unknown[]) : [];
        if (!list.includes(value)) list.push(value);
        extra[target.field] = list;
      } else {
        extra[target.field] = value;
      }
    }
  }
  user.customFields = saved;
}
