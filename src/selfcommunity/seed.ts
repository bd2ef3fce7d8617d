import { MockchatConfigError } from '../errors.js';
import { readSeedJson } from '../store/read-json-file.js';
import { Community, DEFAULT_CLIENT_ID, insertScUser, type CommunityLayer, type InviteCode, type OAuthClient, type PromoCode } from './community.js';
import { SCOPE } from './oauth.js';
import type { ScRole } from './sc-user.js';

export interface ScSeedUser {
  username: string;
  email: string;
  password: string;
  role?: ScRole;
  email_isvalid?: boolean;
  real_name?: string;
  ext_id?: string;
  provider?: string;
  /** A fixed, never-expiring Bearer token for this user. */
  token?: string;
}

export interface ScSeedFile extends CommunityLayer {
  clients?: OAuthClient[];
  users?: ScSeedUser[];
  inviteCodes?: Array<Partial<InviteCode> & { code: string }>;
  promoCodes?: Array<Partial<PromoCode> & { code: string }>;
}

const JOINED = '2026-01-01T00:00:00.000Z';

export function readScSeedFile(file: string): ScSeedFile {
  return readSeedJson<ScSeedFile>(file, 'SelfCommunity seed file');
}

/** A community holding the seed: rules, OAuth clients, users (with their fixed tokens), invite and promo codes. */
export function seedCommunity(seed: ScSeedFile): Community {
  const c = new Community({ preferences: seed.preferences, features: seed.features, metadata: seed.metadata });
  for (const client of seed.clients ?? [{ client_id: DEFAULT_CLIENT_ID }]) c.clients.set(client.client_id, client);
  const clientId = c.clients.keys().next().value ?? DEFAULT_CLIENT_ID;
  for (const s of seed.users ?? []) {
    const { user, clash } = insertScUser(c, {
      username: s.username,
      email: s.email,
      email_isvalid: s.email_isvalid ?? true,
      password: s.password,
      salt: (id) => `seed-${id}`,
      role: s.role ?? null,
      real_name: s.real_name ?? '',
      date_joined: JOINED,
      ext_id: s.ext_id ?? null,
      ...(s.provider && { provider: s.provider }),
    });
    if (clash !== undefined) throw new MockchatConfigError('MOCKCHAT_ERR_SEED', `SelfCommunity seed user "${s.username}" repeats a ${clash}`);
    if (s.token) c.addToken({ access_token: s.token, refresh_token: `${s.token}-refresh`, userId: user._id, client_id: clientId, scope: SCOPE, expiresAt: null });
  }
  (seed.inviteCodes ?? []).forEach((i, n) =>
    c.inviteCodes.set(i.code, { id: n + 1, invited_by: 1, name: '', email: '', role: null, generated_at: JOINED, used_at: null, user: null, ...i }),
  );
  (seed.promoCodes ?? []).forEach((p, n) => c.promoCodes.set(p.code, { id: n + 1, name: p.code, valid_from: null, valid_to: null, ...p }));
  return c;
}
