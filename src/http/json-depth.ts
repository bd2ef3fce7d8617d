/**
 * Nesting depth of a parsed JSON value, measured without recursion (an explicit stack), so a
 * hostile body of 500,000 `[` cannot overflow the call stack here. Stops counting at `max + 1`.
 * `depthOf(1) === 0`, `depthOf({}) === 1`, `depthOf([[1]]) === 2`.
 */
export function depthOf(value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > max) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth]);
    }
  }
  return deepest;
}

/** Whether a parsed JSON value nests deeper than `max` levels of objects/arrays. */
export const tooDeep = (value: unknown, max: number): boolean => depthOf(value, max) > max;

/** The message of the JSON depth limit, one wording for REST and DDP. */
export const depthMessage = (max: number): string => `JSON nests deeper than ${max} levels`;
