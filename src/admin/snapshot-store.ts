import { MockchatConfigError } from '../errors.js';
import { userCount } from '../rocketchat/workspace.js';
import type { Tenant, TenantState } from './tenants.js';

const MAX_SNAPSHOTS = 50;

/** Named copies of a tenant's state (every product), for `POST /__mockchat/snapshots` and restore. Bounded: the oldest goes first. */
export class SnapshotStore {
  readonly #snapshots = new Map<string, { state: TenantState; createdAt: string }>();
  #next = 1;

  /** Copy the state (sharing the cold tier: `Tenant.capture`); returns the id (given, or `snap-N`). */
  take(tenant: Pick<Tenant, 'capture'>, id?: unknown): string {
    if (id !== undefined && (typeof id !== 'string' || !/^[\w.-]{1,64}$/.test(id))) {
      throw new MockchatConfigError('MOCKCHAT_ERR_SNAPSHOT', 'a snapshot id must be 1-64 letters, digits, ".", "_" or "-"');
    }
    const name = (id as string | undefined) ?? `snap-${this.#next++}`;
    this.#snapshots.delete(name);
    if (this.#snapshots.size >= MAX_SNAPSHOTS) this.#snapshots.delete(this.#snapshots.keys().next().value!);
    this.#snapshots.set(name, { state: tenant.capture(), createdAt: new Date().toISOString() });
    return name;
  }

  restore(tenant: Pick<Tenant, 'restore'>, id: string): boolean {
    const snap = this.#snapshots.get(id);
    if (!snap) return false;
    tenant.restore(snap.state);
    return true;
  }

  ids(): string[] {
    return [...this.#snapshots.keys()];
  }

  list(): Array<{ id: string; createdAt: string; users: number }> {
    return [...this.#snapshots].map(([id, s]) => ({ id, createdAt: s.createdAt, users: userCount(s.state) }));
  }
}
