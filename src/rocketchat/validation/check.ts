import { matchError } from '../../errors.js';

/**
 * A small emulation of Meteor's `check(value, Match.ObjectIncluding({...}))` for string
 * fields: the same walk order (the value's own keys first, then missing required keys in
 * pattern order) and the same messages (`Missing key 'name'`, `Expected string, got number
 * in field email`).
 */
export interface ObjectPattern {
  required: readonly string[];
  optional: readonly string[];
}

const describe = (v: unknown) => (v === null ? 'null' : typeof v);

export function checkStringFields(value: unknown, pattern: ObjectPattern): asserts value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw matchError(`Expected object, got ${Array.isArray(value) ? 'object' : describe(value)}`);
  }
  const missing = new Set(pattern.required);
  for (const [key, sub] of Object.entries(value)) {
    if (missing.has(key)) {
      if (typeof sub !== 'string') throw matchError(`Expected string, got ${describe(sub)} in field ${key}`, key);
      missing.delete(key);
    } else if (pattern.optional.includes(key) && sub !== undefined && typeof sub !== 'string') {
      throw matchError(`Failed Match.OneOf, Match.Maybe or Match.Optional validation in field ${key}`, key);
    }
  }
  const [first] = missing;
  if (first !== undefined) throw matchError(`Missing key '${first}'`);
}

/** `check(value, String)`: `Match error: Expected string, got number`. */
export function checkString(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw matchError(`Expected string, got ${describe(value)}`);
}
