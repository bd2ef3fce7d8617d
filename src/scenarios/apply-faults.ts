import type { Fault } from './scenario.js';

/** What faults decide for one call, after their probabilities were drawn. */
export interface FaultPlan {
  delayMs: number;
  status?: number;
  /** With `status`: the message of the answer when the fault has no body, the same over REST and DDP. */
  reason?: string;
  /** The fault's body; without one the product answers in its own error format, with `reason`. */
  body?: unknown;
  drop: boolean;
  withholdResult: boolean;
}

/**
 * Draw the faults that apply to one call: each applies with its `probability`; latencies
 * add up; the first status/body wins; any drop or withheld result applies.
 */
export function planFaults(faults: readonly Fault[], random: () => number = Math.random): FaultPlan {
  const plan: FaultPlan = { delayMs: 0, drop: false, withholdResult: false };
  for (const f of faults) {
    if (f.probability !== undefined && random() >= f.probability) continue;
    if (f.latency !== undefined) {
      plan.delayMs += typeof f.latency === 'number' ? f.latency : f.latency.min + Math.floor(random() * (Math.max(f.latency.max, f.latency.min) - f.latency.min + 1));
    }
    if (f.status !== undefined && plan.status === undefined) {
      plan.status = f.status;
      plan.reason = f.status >= 500 ? 'Internal server error' : 'Bad request';
      plan.body = f.body;
    }
    if (f.drop) plan.drop = true;
    if (f.withholdResult) plan.withholdResult = true;
  }
  return plan;
}

/** Whether any fault asks to leave pings unanswered. */
export function ignoresPings(faults: readonly Fault[]): boolean {
  return faults.some((f) => f.ignorePings);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
