import type { CollectionChange } from '../store/collection.js';
import type { ScUser } from './sc-user.js';

/* The value types and constants of a SelfCommunity's state (community.ts holds the state itself). */

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

/**
 * One write to a community's users, tokens, invite codes (one was used) or validation codes
 * (sent, or used up); `load` replaced the whole state (reset, restore).
 */
export type CommunityChange =
  | { kind: 'user'; change: CollectionChange<ScUser> }
  | { kind: 'token'; op: 'put' | 'delete'; token: ScToken }
  | { kind: 'invite'; invite: InviteCode }
  | { kind: 'validation'; op: 'put'; entry: ValidationCode }
  | { kind: 'validation'; op: 'delete'; code: string }
  | { kind: 'load' };

/** Seconds an OAuth access token lives (the OAuth example's `expires_in`). */
export const TOKEN_LIFETIME_S = 36000;

/** The OAuth client of a seed without `clients`, and of a community with no client at all. */
export const DEFAULT_CLIENT_ID = 'mockchat-selfcommunity';

/** How many sent emails `outbox` keeps (the oldest are dropped first). */
export const OUTBOX_LIMIT = 1000;

/** The provider an `ext_id` belongs to when the user has none recorded. */
export const DEFAULT_PROVIDER = 'external';

/** The key of the `ext_id` index: provider and external id together. */
export const extKey = (provider: string, extId: string): string => `${provider}\u0000${extId}`;
