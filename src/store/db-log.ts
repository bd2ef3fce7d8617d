import { existsSync, readFileSync } from 'node:fs';
import { MockchatConfigError } from '../errors.js';
import { reviveToken, type LoginToken } from '../rocketchat/tokens.js';
import type { SettingValue } from '../rocketchat/settings.js';
import type { UserDoc } from '../rocketchat/user.js';
import type { InviteCode, ScToken, ValidationCode } from '../selfcommunity/community.js';
import type { ScUser } from '../selfcommunity/sc-user.js';
import { reviveUser, type DbState } from './db-file.js';

/**
 * One line of the append-only log `FILE.log` (JSON lines). Every entry carries the whole new
 * value of one key, so replaying an entry twice is harmless.
 */
export type LogEntry =
  | { u: UserDoc }
  | { ud: string }
  | { t: LoginToken }
  | { td: string }
  /** A setting changed; `null`: its base value was removed. */
  | { s: [string, SettingValue | null] }
  /** A permission's roles changed; `null`: it was removed. */
  | { p: [string, string[] | null] }
  | { su: ScUser }
  | { sud: string }
  | { st: ScToken }
  | { std: string }
  /** A SelfCommunity invite code, as it is now (used). */
  | { si: InviteCode }
  /** A SelfCommunity validation code sent; `svd`: used up. */
  | { sv: ValidationCode }
  | { svd: string };

/** The first line of a log: which file generation its entries follow. */
export interface LogHeader {
  mockchatLog: 1;
  generation: number;
}

export interface ReplayResult {
  state: DbState;
  applied: number;
  /** Set when the last line was cut short (a crash mid-write): it is skipped. */
  torn?: string;
  /** Set when the log belongs to an older generation of the file (a crash during compaction): it is skipped. */
  stale?: boolean;
}

/**
 * Apply `log` over the state read from the file. A torn last line is tolerated (it was never
 * acknowledged: the answer is sent only after the line is written); any other bad line fails
 * with the file name and line number, leaving both files untouched.
 */
export function replayLog(log: string, base: DbState): ReplayResult {
  if (!existsSync(log)) return { state: base, applied: 0 };
  const text = readFileSync(log, 'utf8');
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  const last = lines.length - 1;
  const fail = (n: number, why: string) => new MockchatConfigError('MOCKCHAT_ERR_DB', `${log}: line ${n + 1} ${why}; the file was left as it is. Remove the log to drop these changes, or start with --reset.`);
  const parsed: unknown[] = [];
  let torn: string | undefined;
  for (let n = 0; n <= last; n++) {
    const line = lines[n];
    if (line === '') continue;
    try {
      parsed.push(JSON.parse(line));
    } catch (error) {
      if (n === last && !complete) {
        torn = `line ${n + 1} (${line.length} bytes) is incomplete`;
        break;
      }
      throw fail(n, `is not valid JSON (${(error as Error).message})`);
    }
  }
  if (parsed.length === 0) return { state: base, applied: 0, torn };
  const header = parsed[0] as Partial<LogHeader>;
  if (header?.mockchatLog !== 1) throw fail(0, 'is not a mockchat log header');
  if (header.generation !== base.generation) return { state: base, applied: 0, stale: true, torn };
  const state = applyEntries(base, parsed.slice(1) as LogEntry[], (i, why) => fail(i + 1, why));
  return { state, applied: parsed.length - 1, torn };
}

function applyEntries(base: DbState, entries: LogEntry[], fail: (index: number, why: string) => Error): DbState {
  const users = new Map(base.workspace.users.map((u) => [u._id, u]));
  const tokens = new Map(base.workspace.tokens.map((t) => [t.hashedToken, t]));
  const settings = { ...base.workspace.settings };
  const permissions = { ...base.workspace.permissions };
  const sc = base.community;
  const scUsers = new Map((sc?.users ?? []).map((u) => [u._id, u]));
  const scTokens = new Map((sc?.tokens ?? []).map((t) => [t.access_token, t]));
  const invites = new Map((sc?.inviteCodes ?? []).map((c) => [c.code, c]));
  const validations = new Map((sc?.validationCodes ?? []).map((c) => [c.code, c]));
  entries.forEach((e, i) => {
    if ('u' in e) users.set(e.u._id, reviveUser(e.u));
    else if ('ud' in e) users.delete(e.ud);
    else if ('t' in e) tokens.set(e.t.hashedToken, reviveToken(e.t));
    else if ('td' in e) tokens.delete(e.td);
    else if ('s' in e) {
      if (e.s[1] === null) delete settings[e.s[0]];
      else settings[e.s[0]] = e.s[1];
    } else if ('p' in e) {
      if (e.p[1] === null) delete permissions[e.p[0]];
      else permissions[e.p[0]] = e.p[1];
    }
    else if ('su' in e) scUsers.set(e.su._id, e.su);
    else if ('sud' in e) scUsers.delete(e.sud);
    else if ('st' in e) scTokens.set(e.st.access_token, e.st);
    else if ('std' in e) scTokens.delete(e.std);
    else if ('si' in e) invites.set(e.si.code, e.si);
    else if ('sv' in e) validations.set(e.sv.code, e.sv);
    else if ('svd' in e) validations.delete(e.svd);
    else throw fail(i, `has an unknown entry ${JSON.stringify(e).slice(0, 80)}`);
  });
  let nextUserId = sc?.nextUserId ?? 1;
  for (const u of scUsers.values()) nextUserId = Math.max(nextUserId, u.id + 1);
  const community = sc && { ...sc, users: [...scUsers.values()], tokens: [...scTokens.values()], inviteCodes: [...invites.values()], validationCodes: [...validations.values()], nextUserId };
  return {
    generation: base.generation,
    workspace: { users: [...users.values()], tokens: [...tokens.values()], settings, permissions },
    ...(community && { community }),
  };
}
