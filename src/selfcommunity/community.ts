import { randomBytes } from 'node:crypto';
import { Collection } from '../store/collection.js';
import type { ScUser } from './sc-user.js';

export type PreferenceValue = string | number | boolean;

/** One custom user metadata field (`configurations.user_metadata_definition`). */
export interface MetadataField {
  label?: string;
  type?: 'string' | 'integer' | 'phone_number' | 'enum' | 'url' | 'email' | 'checkbox';
  type_options?: string[];
  mandatory?: boolean;
}

/** The rules of a community: dynamic preferences, features, metadata definitions. */
export interface CommunityRules {
  /** Dynamic preferences by `section.name`, e.g. `addons.invite_code`. */
  preferences: Record<string, PreferenceValue>;
  /** Features by name, e.g. `promo_code`. */
  features: Record<string, boolean>;
  /** Custom user metadata definitions by field name. */
  metadata: Record<string, MetadataField>;
}

/** What a scenario lays over the rules (`selfcommunity:` in a scenario file). */
export type CommunityLayer = Partial<CommunityRules>;

export interface ScToken {
  access_token: string;
  refresh_token: string;
  userId: string;
  client_id: string;
  scope: string;
  /** Epoch ms; null: never (seeded tokens). */
  expiresAt: number | null;
}

export interface InviteCode {
  id: number;
  code: string;
  invited_by: number | null;
  name: string;
  email: string;
  role: string | null;
  generated_at: string;
  used_at: string | null;
  user: number | null;
}

export interface PromoCode {
  id: number;
  code: string;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
}

export interface ValidationCode {
  code: string;
  userId: string;
  purpose: 'verify' | 'reset';
}

export interface OAuthClient {
  client_id: string;
  client_secret?: string;
}

/** An email the community "sent" (the mock keeps them instead). */
export interface SentEmail {
  to: string;
  purpose: 'verify' | 'reset';
  validation_code: string;
}

/** A serialisable copy of a community's state (reset, snapshots). */
export interface CommunityState {
  users: ScUser[];
  tokens: ScToken[];
  inviteCodes: InviteCode[];
  promoCodes: PromoCode[];
  validationCodes: ValidationCode[];
  clients: OAuthClient[];
  rules: CommunityRules;
  nextUserId: number;
}

/** Seconds an OAuth access token lives (the OAuth example's `expires_in`). */
export const TOKEN_LIFETIME_S = 36000;

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
  readonly inviteCodes = new Map<string, InviteCode>();
  readonly promoCodes = new Map<string, PromoCode>();
  readonly validationCodes = new Map<string, ValidationCode>();
  readonly clients = new Map<string, OAuthClient>();
  readonly outbox: SentEmail[] = [];
  /** Shared with layered views (a plain field would be copied on write by a view). */
  readonly counters = { nextUserId: 1 };
  base: CommunityRules;
  layer: CommunityLayer = {};

  constructor(rules: CommunityLayer = {}, readonly clock: () => number = Date.now) {
    this.base = { preferences: { ...rules.preferences }, features: { ...rules.features }, metadata: { ...rules.metadata } };
    this.users.addUniqueIndex('username', (u) => [u.username]);
    this.users.addUniqueIndex('email', (u) => (u.email ? [u.email] : []));
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
    this.users.clear();
    for (const u of s.users) this.users.insert(u);
    refill(this.tokens, s.tokens, (t) => t.access_token);
    this.refreshIndex.clear();
    for (const t of s.tokens) this.refreshIndex.set(t.refresh_token, t.access_token);
    refill(this.inviteCodes, s.inviteCodes, (c) => c.code);
    refill(this.promoCodes, s.promoCodes, (c) => c.code);
    refill(this.validationCodes, s.validationCodes, (c) => c.code);
    refill(this.clients, s.clients, (c) => c.client_id);
    this.outbox.length = 0;
    this.base = s.rules;
    this.counters.nextUserId = s.nextUserId;
  }
}

function refill<T>(map: Map<string, T>, items: T[], key: (item: T) => string): void {
  map.clear();
  for (const item of items) map.set(key(item), item);
}
