import type { DdpMessage } from './messages.js';
import { sanitizedError } from './meteor-error.js';
import type { DdpConnection, Subscription } from './registry.js';

/** A live subscription of one session: frames go out only while it is active. */
export class SubscriptionHandle implements Subscription {
  #active = true;
  #ready = false;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly connection: DdpConnection,
    private readonly send: (message: DdpMessage) => void,
    private readonly onStop: () => void,
  ) {}

  added(collection: string, id: string, fields: Record<string, unknown>): void {
    if (this.#active) this.send({ msg: 'added', collection, id, fields });
  }

  ready(): void {
    if (!this.#active || this.#ready) return;
    this.#ready = true;
    this.send({ msg: 'ready', subs: [this.id] });
  }

  error(err: unknown): void {
    if (!this.#active) return;
    this.stop();
    this.send({ msg: 'nosub', id: this.id, error: sanitizedError(err) });
  }

  /** Deactivate without sending anything (the caller sends the `nosub`). */
  stop(): void {
    this.#active = false;
    this.onStop();
  }
}
