import type { PasswordHash } from '../rocketchat/passwords.js';

/** A SelfCommunity role; `null` for a plain user (as `GET /api/v2/user/me/` reports it). */
export type ScRole = 'admin' | 'moderator' | 'editor' | null;

/** One stored SelfCommunity user (`_id` is the integer `id` as a string, for the collection). */
export interface ScUser {
  _id: string;
  id: number;
  username: string;
  email: string;
  email_isvalid: boolean;
  password: PasswordHash;
  role: ScRole;
  real_name: string;
  date_joined: string;
  /** `a` approved, `b` blocked, `d` soft-deleted, `u` unregistered. */
  status: 'a' | 'b' | 'd' | 'u';
  reg_approved: boolean;
  ext_id: string | null;
  /** SSO provider of `ext_id` (account search by `ext_id` + `provider`). */
  provider?: string;
  /** Values of the custom user metadata fields, returned as top-level keys. */
  metadata: Record<string, string | number | boolean>;
  invite_code?: string;
  promo_code?: string;
}

export interface UserViewOptions {
  /** Add `email` and `email_isvalid` (the self/admin views and the create answer). */
  email?: boolean;
  /** Add `status` (account search). */
  status?: boolean;
  /** Add `role` (user/me). */
  role?: boolean;
}

/**
 * The User schema (`schemas/user.md`). Counters that depend on preferences
 * (`follow_enabled`, `post_type_enabled`, `polls_enabled`) are left out: those preferences are
 * off in the emulated community. Metadata fields appear as top-level keys.
 */
export function userView(u: ScUser, options: UserViewOptions = {}): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    real_name: u.real_name,
    avatar: null,
    ext_id: u.ext_id,
    connection_status: null,
    categories_counter: 0,
    date_joined: u.date_joined,
    bio: '',
    location: '',
    location_lat_lng: null,
    position_lat_lng: null,
    date_of_birth: null,
    description: '',
    gender: 'Unspecified',
    website: '',
    cover: null,
    tags: [],
    reputation: 0,
    community_badge: false,
    reg_approved: u.reg_approved,
    deleted: u.status === 'd' || u.status === 'u',
    ...u.metadata,
    ...(options.email && { email: u.email, email_isvalid: u.email_isvalid }),
    ...(options.status && { status: u.status }),
    ...(options.role && { role: u.role }),
  };
}
