import { MockchatConfigError } from '../errors.js';
import type { Workspace, WorkspaceState } from '../rocketchat/workspace.js';
import type { ScenarioController } from '../scenarios/scenario-controller.js';
import type { Community, CommunityState } from '../selfcommunity/community.js';
import type { SnapshotStore } from './snapshot-store.js';

/** A copy of every product's state of one tenant (snapshots, `mock.snapshot()`). */
export interface TenantState extends WorkspaceState {
  /** The SelfCommunity state; a snapshot without it leaves SelfCommunity as it is on restore. */
  selfcommunity?: CommunityState;
}

/**
 * One isolated state: the main workspace, or a named sandbox with its own users and scenario.
 * It holds every emulated product's state: the Rocket.Chat workspace and the SelfCommunity community.
 */
export interface Tenant {
  /** Undefined for the main workspace. */
  name?: string;
  workspace: Workspace;
  community: Community;
  scenarios: ScenarioController;
  /** Its own snapshots: ids never clash between sandboxes. */
  snapshots: SnapshotStore;
  createdAt: string;
  /** Back to the seeded state and the base scenario. */
  reset(): void;
  /** A deep copy of every product's state, every user listed in `users`. */
  snapshot(): TenantState;
  /**
   * Internal: the same state as mockchat keeps it (admin snapshots), sharing users held off
   * the heap (`WorkspaceState.seeded`) instead of listing them. Not for callers: use `snapshot()`.
   */
  capture(): TenantState;
  /** Put a copy back (the scenario stays). */
  restore(state: TenantState): void;
}

const NAME = /^[\w.-]{1,64}$/;

/**
 * The main workspace plus named sandboxes, each starting from the seed, created on first use
 * (header `X-Mockchat-Sandbox` or `?sandbox=` on the WebSocket URL) and bounded in number, so
 * parallel test workers can share one server without seeing each other's users.
 */
export class Tenants {
  readonly #sandboxes = new Map<string, Tenant>();

  constructor(
    readonly main: Tenant,
    private readonly create: (name: string) => Tenant,
    readonly max = 64,
  ) {}

  /** The tenant for a sandbox name (main when none); creates the sandbox on first use. */
  resolve(name: string | undefined): Tenant {
    if (!name) return this.main;
    const found = this.#sandboxes.get(name);
    if (found) return found;
    if (!NAME.test(name)) throw new MockchatConfigError('MOCKCHAT_ERR_SANDBOX', `Invalid sandbox name "${name}": use 1-64 letters, digits, ".", "_" or "-".`);
    if (this.#sandboxes.size >= this.max) {
      throw new MockchatConfigError('MOCKCHAT_ERR_SANDBOX', `Too many sandboxes (${this.max}); delete some with DELETE /__mockchat/sandboxes/NAME.`);
    }
    const tenant = this.create(name);
    this.#sandboxes.set(name, tenant);
    return tenant;
  }

  /** An existing sandbox, without creating it. */
  find(name: string): Tenant | undefined {
    return this.#sandboxes.get(name);
  }

  list(): Tenant[] {
    return [...this.#sandboxes.values()];
  }

  delete(name: string): boolean {
    return this.#sandboxes.delete(name);
  }

  clear(): void {
    this.#sandboxes.clear();
  }
}
