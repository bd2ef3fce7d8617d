import { sha256 } from '../store/sha256.js';
import type { IdSource } from '../store/ids.js';

/** A login token as Rocket.Chat keeps it: only the SHA-256 (base64) of the token is stored. */
export interface LoginToken {
  hashedToken: string;
  userId: string;
  when: Date;
}

/** A token read back from JSON (a `--db` file or log, a snapshot): `when` is a Date again. */
export const reviveToken = (t: LoginToken): LoginToken => ({ hashedToken: t.hashedToken, userId: t.userId, when: new Date(t.when) });

export function hashToken(token: string): string {
  return sha256(token, 'base64');
}

/** What changed in a token store (see `Collection`'s `onChange`). */
export type TokenChange = { op: 'put'; token: LoginToken } | { op: 'delete'; hashedToken: string } | { op: 'clear' };

/** Login tokens of one workspace, indexed by their hash (O(1) resume and REST auth). */
export class TokenStore {
  readonly #byHash = new Map<string, LoginToken>();
  /** Called after every write; set by the state owner. */
  onChange?: (change: TokenChange) => void;

  /** Create a token for a user; the plain token is returned once and never stored. */
  issue(userId: string, ids: IdSource, now: Date): { token: string; when: Date } {
    const token = ids.secret();
    const stored = { hashedToken: hashToken(token), userId, when: now };
    this.#byHash.set(stored.hashedToken, stored);
    this.onChange?.({ op: 'put', token: stored });
    return { token, when: now };
  }

  find(token: string): LoginToken | undefined {
    return this.#byHash.get(hashToken(token));
  }

  revoke(token: string): boolean {
    return this.#delete(hashToken(token));
  }

  revokeUser(userId: string): void {
    for (const [hash, t] of this.#byHash) if (t.userId === userId) this.#delete(hash);
  }

  clear(): void {
    this.#byHash.clear();
    this.onChange?.({ op: 'clear' });
  }

  #delete(hashedToken: string): boolean {
    if (!this.#byHash.delete(hashedToken)) return false;
    this.onChange?.({ op: 'delete', hashedToken });
    return true;
  }

  list(): LoginToken[] {
    return [...this.#byHash.values()];
  }

  load(tokens: LoginToken[]): void {
    this.#byHash.clear();
    for (const t of tokens) this.#byHash.set(t.hashedToken, reviveToken(t));
  }
}
