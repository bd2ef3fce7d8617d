import { matchError } from '../../errors.js';

/**
 * A small emulation of Meteor's `check(value, Match.ObjectIncluding({...}))` for string
 * fields: the same walk order (the value's own keys first, then missing required keys in
 * pattern order) and the same messages (`Missing key 'name'`, `Expected string, got number
 * in field email`).
 */
export interface ObjectPattern {
  /** At most 31 keys (a bit each). */
  required: readonly string[];
  optional: readonly string[];
}

/** How Meteor's `check` names a value's type in its messages (`got number`, `got null`). */
export const describe = (v: unknown): string => (v === null ? 'null' : typeof v);

export function checkStringFields(value: unknown, pattern: ObjectPattern): asserts value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw matchError(`Expected object, got ${Array.isArray(value) ? 'object' : describe(value)}`);
  }
  // No entries array and no Set per call: this runs on every registration.
  const required = pattern.required;
  let present = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const sub = (value as Record<string, unknown>)[key];
    const at = required.indexOf(key);
    if (at !== -1) {
      if (typeof sub !== 'string') throw matchError(`Expected string, got ${describe(sub)} in field ${key}`, key);
      present |= 1 << at;
    } else if (pattern.optional.includes(key) && sub !== undefined && typeof sub !== 'string') {
      throw matchError(`Failed Match.OneOf, Match.Maybe or Match.Optional validation in field ${key}`, key);
    }
  }
  for (let i = 0; i < required.length; i++) {
    if ((present & (1 << i)) === 0) throw matchError(`Missing key '${required[i]}'`);
  }
}

/** `check(value, String)`: `Match error: Expected string, got number`. */
export function checkString(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw matchError(`Expected string, got ${describe(value)}`);
}
