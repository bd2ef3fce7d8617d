/** One response that broke a spec (or that Prism could not check), as the contract run reports it. */
export interface Violation {
  method: string;
  path: string;
  status: number;
  /** Prism's `sl-violations` header or VIOLATIONS problem, as JSON text. */
  detail: string;
}

const KEY = Symbol.for('mockchat.contract.violations');

/**
 * The violations seen by every front in this test worker since the last `takeViolations()`.
 * Kept on `globalThis` so the setup file's `afterEach` and the fronts started by test files
 * share one list whatever module instance each of them loaded.
 */
function list(): Violation[] {
  const g = globalThis as { [KEY]?: Violation[] };
  return (g[KEY] ??= []);
}

export function recordViolation(v: Violation): void {
  list().push(v);
}

/** Return and clear the recorded violations. */
export function takeViolations(): Violation[] {
  return list().splice(0);
}

/** A readable failure message for a list of violations. */
export function describeViolations(violations: Violation[]): string {
  return [
    `${violations.length} response(s) broke the spec (contract run, prism proxy --errors):`,
    ...violations.map((v) => `  ${v.method} ${v.path} -> ${v.status}: ${v.detail}`),
  ].join('\n');
}

/** Throw (failing the current test) if any violation was recorded since the last call. */
export function failOnViolations(): void {
  const violations = takeViolations();
  if (violations.length > 0) throw new Error(describeViolations(violations));
}
