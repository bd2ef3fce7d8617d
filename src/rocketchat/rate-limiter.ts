/**
 * Fixed-window counters, as Meteor's RateLimiter keeps them: one bucket per rule and key
 * (client IP, connection, or a single global key), reset when its interval ends.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the window resets. */
  reset: number;
  timeToReset: number;
}

interface Bucket {
  count: number;
  reset: number;
}

const MAX_BUCKETS = 100_000;

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Count one call against `key`; `allowed` is false once `limit` calls were made in the window. */
  hit(key: string, limit: number, intervalMs: number): RateDecision {
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.reset <= now) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#prune(now);
      bucket = { count: 0, reset: now + intervalMs };
      this.#buckets.set(key, bucket);
    }
    bucket.count += 1;
    const allowed = bucket.count <= limit;
    return { allowed, limit, remaining: Math.max(0, limit - bucket.count), reset: bucket.reset, timeToReset: bucket.reset - now };
  }

  clear(): void {
    this.#buckets.clear();
  }

  #prune(now: number): void {
    for (const [key, bucket] of this.#buckets) if (bucket.reset <= now) this.#buckets.delete(key);
    if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
  }
}
