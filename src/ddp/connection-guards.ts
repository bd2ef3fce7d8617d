/* Guards that keep one connection honest: the heartbeat and the flood guard. */

/**
 * Meteor's server heartbeat (ddp-common/heartbeat.js): after `interval` ms without incoming
 * traffic send a ping; if nothing arrives within `timeout` ms more, give up on the peer.
 * Any incoming message counts as a pong. `seen()` only stores a timestamp, so a flood of
 * messages costs no timer churn.
 */
export interface HeartbeatOptions {
  interval: number;
  timeout: number;
  sendPing(): void;
  onTimeout(): void;
}

export class Heartbeat {
  #lastSeen = performance.now();
  #pingSentAt = 0;
  #timer?: NodeJS.Timeout;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    this.#lastSeen = performance.now();
    this.#schedule(this.#tick, this.options.interval);
  }

  seen(now = performance.now()): void {
    this.#lastSeen = now;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #tick = (): void => {
    const idle = performance.now() - this.#lastSeen;
    if (idle < this.options.interval) return this.#schedule(this.#tick, this.options.interval - idle);
    this.#pingSentAt = performance.now();
    this.options.sendPing();
    this.#schedule(this.#expire, this.options.timeout);
  };

  readonly #expire = (): void => {
    if (this.#lastSeen >= this.#pingSentAt) return this.#tick();
    this.stop();
    this.options.onTimeout();
  };

  #schedule(fn: () => void, ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(fn, Math.max(1, ms));
    this.#timer.unref();
  }
}

/**
 * A per-connection flood guard: at most `limit` messages per one-second window. It is not a
 * Meteor feature (Meteor relies on DDPRateLimiter rules per method); it keeps one noisy
 * socket from starving the rest of a test run.
 */
export class RateGuard {
  #windowStart = 0;
  #count = 0;

  constructor(private readonly limit: number) {}

  /** Count one message; false when the window's budget is spent. */
  allow(now = performance.now()): boolean {
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count += 1;
    return this.#count <= this.limit;
  }
}
