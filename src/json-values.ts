/* Helpers for parsed JSON values and plain data, shared by the adapters, the journal and the store. */

/**
 * Nesting depth of a parsed JSON value, measured without recursion (an explicit stack), so a
 * hostile body of 500,000 `[` cannot overflow the call stack here. Stops counting at `max + 1`.
 * `depthOf(1) === 0`, `depthOf({}) === 1`, `depthOf([[1]]) === 2`.
 */
export function depthOf(value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  // Two parallel stacks (values and their depths): no pair allocated per container.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()! + 1;
    if (v === null || typeof v !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > max) return deepest;
    if (Array.isArray(v)) {
      for (const child of v) pushContainer(values, depths, child, depth);
    } else {
      for (const key in v) pushContainer(values, depths, (v as Record<string, unknown>)[key], depth);
    }
  }
  return deepest;
}

function pushContainer(values: unknown[], depths: number[], child: unknown, depth: number): void {
  if (child !== null && typeof child === 'object') {
    values.push(child);
    depths.push(depth);
  }
}

/** Whether a parsed JSON value nests deeper than `max` levels of objects/arrays. */
export const tooDeep = (value: unknown, max: number): boolean => depthOf(value, max) > max;

/**
 * Whether `value`, parsed from the JSON `text`, nests deeper than `max` levels. Every level
 * opens with a bracket, so a text shorter than `2 * (max + 1)` characters, or with at most
 * `max` opening brackets (counting those inside strings too), cannot be too deep and is not
 * walked: the common frame or body costs a few `indexOf` calls here and allocates nothing.
 */
export const jsonTooDeep = (text: string, value: unknown, max: number): boolean =>
  text.length >= 2 * (max + 1) && openingBrackets(text, max) > max && tooDeep(value, max);

/** How many `{` and `[` `text` holds, counting no further than `max + 1`. */
function openingBrackets(text: string, max: number): number {
  let count = 0;
  for (const bracket of OPENING) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) if (++count > max) return count;
  }
  return count;
}

const OPENING = ['{', '['] as const;

/** The message of the JSON depth limit, one wording for REST and DDP. */
export const depthMessage = (max: number): string => `JSON nests deeper than ${max} levels`;

/**
 * A shallow copy of a parsed JSON object. Object.assign is ~10× faster than a spread here
 * (V8 11); only an object with an own `__proto__` key (JSON.parse makes those) needs the
 * spread, which defines that key as data instead of setting the copy's prototype.
 */
export const shallowCopy = (value: Record<string, unknown>): Record<string, unknown> => (Object.hasOwn(value, '__proto__') ? { ...value } : Object.assign({}, value));

/** Freeze a value and everything reachable from it (plain data: objects, arrays, dates). */
export function deepFreeze<V>(value: V): V {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // for-in, not Object.keys: no key array per object (plain data has no inherited enumerable keys).
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return value;
}

/**
 * Case folding used by every unique index (Rocket.Chat compares usernames and emails
 * case-insensitively): `toLowerCase`, except that a string with nothing to fold (ASCII without
 * capitals, as most emails are) is returned itself. `toLowerCase` always returns a new string,
 * and each copy was one more object per stored user for the GC.
 */
export function fold(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) return value.toLowerCase();
  }
  return value;
}
