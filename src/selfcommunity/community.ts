import { randomBytes } from 'node:crypto';
import { hashPassword } from '../rocketchat/passwords.js';
import { ChangeFeed } from '../store/change-feed.js';
import { Collection } from '../store/collection.js';
import type { ScUser } from './sc-user.js';

export * from './community-types.js';
import {
  DEFAULT_PROVIDER,
  extKey,
  OUTBOX_LIMIT,
  type CommunityChange,
  type CommunityLayer,
  type CommunityRules,
  type CommunityState,
  type InviteCode,
  type OAuthClient,
  type PromoCode,
  type ScToken,
  type SentEmail,
  type ValidationCode,
} from './community-types.js';

/**
 * The single owner of one emulated SelfCommunity's state: users (indexed by id, username,
 * email), OAuth clients and tokens, invite/promo/validation codes, and the rules a scenario
 * can lay over. It knows nothing of HTTP.
 */
export class Community {
  readonly users = new Collection<ScUser>();
  readonly tokens = new Map<string, ScToken>();
  /** refresh_token → access_token, so a refresh grant is a lookup, not a scan. */
  readonly refreshIndex = new Map<string, string>();
  /** userId → its access tokens, so ending a user's sessions is not a scan of every token. */
  readonly userTokens = new Map<string, Set<string>>();
  readonly inviteCodes = new Map<string, InviteCode>();
  readonly promoCodes = new Map<string, PromoCode>();
  readonly validationCodes = new Map<string, ValidationCode>();
  readonly clients = new Map<string, OAuthClient>();
  readonly outbox: SentEmail[] = [];
  /** Shared with layered views (a plain field would be copied on write by a view). */
  readonly counters = { nextUserId: 1 };
  /** Writes to users and tokens (persistence and the data API's cache listen). */
  readonly changes = new ChangeFeed<CommunityChange>();
  base: CommunityRules;
  layer: CommunityLayer = {};

  constructor(rules: CommunityLayer = {}, readonly clock: () => number = Date.now) {
    this.base = { preferences: { ...rules.preferences }, features: { ...rules.features }, metadata: { ...rules.metadata } };
    this.users.addUniqueIndex('username', (u, add) => add(u.username));
    this.users.addUniqueIndex('email', (u, add) => u.email && add(u.email));
    this.users.addUniqueIndex('ext_id', (u, add) => u.ext_id && add(extKey(u.provider ?? DEFAULT_PROVIDER, u.ext_id)));
    this.users.onChange = (change) => this.changes.emit({ kind: 'user', change });
  }

  /** Store a token in every index (access token, refresh token, user). */
  addToken(t: ScToken): void {
    this.tokens.set(t.access_token, t);
    this.refreshIndex.set(t.refresh_token, t.access_token);
    const own = this.userTokens.get(t.userId) ?? new Set<string>();
    own.add(t.access_token);
    this.userTokens.set(t.userId, own);
    this.changes.emit({ kind: 'token', op: 'put', token: t });
  }

  /** Remove a token from every index. */
  dropToken(t: ScToken): void {
    this.tokens.delete(t.access_token);
    this.refreshIndex.delete(t.refresh_token);
    const own = this.userTokens.get(t.userId);
    own?.delete(t.access_token);
    if (own?.size === 0) this.userTokens.delete(t.userId);
    this.changes.emit({ kind: 'token', op: 'delete', token: t });
  }

  /** Mark an invite code used by a new user (a new value: state copies keep theirs). */
  useInvite(code: string, userId: number, at: string): void {
    const invite = this.inviteCodes.get(code);
    if (!invite) return;
    const used = { ...invite, used_at: at, user: userId };
    this.inviteCodes.set(code, used);
    this.changes.emit({ kind: 'invite', invite: used });
  }

  /** Store a one-time validation code. */
  putValidationCode(entry: ValidationCode): void {
    this.validationCodes.set(entry.code, entry);
    this.changes.emit({ kind: 'validation', op: 'put', entry });
  }

  /** A validation code was used: it works once. */
  dropValidationCode(code: string): void {
    if (this.validationCodes.delete(code)) this.changes.emit({ kind: 'validation', op: 'delete', code });
  }

  /** The token of a refresh token, if it is still live. */
  tokenOfRefresh(refreshToken: string): ScToken | undefined {
    const access = this.refreshIndex.get(refreshToken);
    return access === undefined ? undefined : this.tokens.get(access);
  }

  /** The tokens a user holds (a copy: safe to drop tokens while iterating). */
  tokensOf(userId: string): ScToken[] {
    return [...(this.userTokens.get(userId) ?? [])].map((a) => this.tokens.get(a)!);
  }

  /** Keep a sent email, dropping the oldest beyond OUTBOX_LIMIT. */
  send(email: SentEmail): void {
    this.outbox.push(email);
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.splice(0, this.outbox.length - OUTBOX_LIMIT);
  }

  /** The effective rules: the base with the scenario layer over it. */
  get rules(): CommunityRules {
    const l = this.layer;
    return {
      preferences: { ...this.base.preferences, ...l.preferences },
      features: { ...this.base.features, ...l.features },
      metadata: { ...this.base.metadata, ...l.metadata },
    };
  }

  /** Whether a boolean dynamic preference is on (`true`, `"true"`, `1`). */
  preferenceOn(key: string): boolean {
    const v = this.layer.preferences?.[key] ?? this.base.preferences[key];
    return v === true || v === 'true' || v === 'True' || v === 1 || v === '1';
  }

  featureOn(name: string): boolean {
    return (this.layer.features?.[name] ?? this.base.features[name]) === true;
  }

  now(): Date {
    return new Date(this.clock());
  }

  newSecret(): string {
    return randomBytes(15).toString('base64url');
  }

  findByUsername(username: string): ScUser | undefined {
    return this.users.findBy('username', username);
  }

  findByEmail(email: string): ScUser | undefined {
    return this.users.findBy('email', email);
  }

  /** The user with an external id at a provider (users without a provider count as `external`). */
  findByExtId(extId: string, provider: string): ScUser | undefined {
    const user = this.users.findBy('ext_id', extKey(provider, extId));
    // The index folds case; external ids compare exactly.
    return user && user.ext_id === extId && (user.provider ?? DEFAULT_PROVIDER) === provider ? user : undefined;
  }

  /** A view sharing this community's state with `layer` as its rules' layer (per-request scenarios). */
  withLayer(layer: CommunityLayer): Community {
    return Object.create(this, { layer: { value: layer } }) as Community;
  }

  /** Put a layer on the community itself (the globally active scenario). */
  setLayer(layer: CommunityLayer | undefined): void {
    this.layer = layer ?? {};
  }

  toState(): CommunityState {
    return structuredClone({
      users: [...this.users.values()],
      tokens: [...this.tokens.values()],
      inviteCodes: [...this.inviteCodes.values()],
      promoCodes: [...this.promoCodes.values()],
      validationCodes: [...this.validationCodes.values()],
      clients: [...this.clients.values()],
      rules: this.base,
      nextUserId: this.counters.nextUserId,
    });
  }

  /** Replace the state (the scenario layer stays). */
  load(state: CommunityState): void {
    const s = structuredClone(state);
    this.changes.mute(() => {
      this.users.clear();
      for (const u of s.users) this.users.insert(u);
      this.tokens.clear();
      this.refreshIndex.clear();
      this.userTokens.clear();
      for (const t of s.tokens) this.addToken(t);
    });
    refill(this.inviteCodes, s.inviteCodes, (c) => c.code);
    refill(this.promoCodes, s.promoCodes, (c) => c.code);
    refill(this.validationCodes, s.validationCodes, (c) => c.code);
    refill(this.clients, s.clients, (c) => c.client_id);
    this.outbox.length = 0;
    this.base = s.rules;
    this.counters.nextUserId = s.nextUserId;
    this.changes.emit({ kind: 'load' });
  }
}

function refill<T>(map: Map<string, T>, items: T[], key: (item: T) => string): void {
  map.clear();
  for (const item of items) map.set(key(item), item);
}

/** The fields of a new user; the rest take a new account's defaults. */
export interface NewScUser extends Partial<Omit<ScUser, '_id' | 'id' | 'password'>> {
  username: string;
  email: string;
  /** The plain password (hashed here). */
  password: string;
  /** The salt of the hash (seeds use a fixed one); random when absent. */
  salt?: (id: number) => string;
}

/**
 * Create a user with the next id and insert it. Returns the user, or the name of the
 * violated unique index (`username`, `email`, `ext_id`) when nothing was inserted.
 */
export function insertScUser(c: Community, fields: NewScUser): { user: ScUser; clash?: undefined } | { user?: undefined; clash: string } {
  const { password, salt, ...rest } = fields;
  const id = c.counters.nextUserId;
  const user: ScUser = {
    email_isvalid: false,
    role: null,
    real_name: '',
    date_joined: c.now().toISOString(),
    status: 'a',
    reg_approved: true,
    ext_id: null,
    metadata: {},
    ...rest,
    _id: String(id),
    id,
    password: hashPassword(password, salt?.(id)),
  };
  const clash = c.users.insert(user);
  if (clash) return { clash };
  c.counters.nextUserId++;
  return { user };
}
