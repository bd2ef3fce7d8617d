import { verifyPassword } from '../rocketchat/passwords.js';
import { DEFAULT_CLIENT_ID, TOKEN_LIFETIME_S, type Community, type OAuthClient, type ScToken } from './community.js';
import { scRaise } from './sc-errors.js';
import type { ScUser } from './sc-user.js';

/** The token object of the OAuth answer and of `account/verify` and `account/reset` (`schemas/token.md`). */
export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
  refresh_token: string;
  client_id: string;
}

/** The scope of every token mockchat issues (the OAuth example's). */
export const SCOPE = 'read write';

/** Issue a new access/refresh token pair for a user. */
export function issueToken(c: Community, user: ScUser, clientId: string): TokenAnswer {
  const token: ScToken = {
    access_token: c.newSecret(),
    refresh_token: c.newSecret(),
    userId: user._id,
    client_id: clientId,
    scope: SCOPE,
    expiresAt: c.clock() + TOKEN_LIFETIME_S * 1000,
  };
  c.addToken(token);
  return answer(token, TOKEN_LIFETIME_S);
}

const answer = (t: ScToken, expiresIn: number): TokenAnswer => ({
  access_token: t.access_token,
  expires_in: expiresIn,
  token_type: 'Bearer',
  scope: t.scope,
  refresh_token: t.refresh_token,
  client_id: t.client_id,
});

/** The first OAuth client, used for tokens the account endpoints issue. */
export function defaultClientId(c: Community): string {
  return c.clients.keys().next().value ?? DEFAULT_CLIENT_ID;
}

/**
 * `POST /oauth/token/` as django-oauth-toolkit answers it: the `password` and
 * `refresh_token` grants. Errors are RFC 6749 objects (`invalid_grant`, …).
 */
export function tokenGrant(c: Community, params: Record<string, unknown>): Omit<TokenAnswer, 'client_id'> {
  const str = (k: string) => (typeof params[k] === 'string' && params[k] !== '' ? (params[k] as string) : undefined);
  const grant = str('grant_type');
  if (grant !== 'password' && grant !== 'refresh_token') throw scRaise('OAUTH_UNSUPPORTED_GRANT');
  const client = authenticateClient(c, str('client_id'), str('client_secret'));
  let user: ScUser | undefined;
  if (grant === 'password') {
    const username = str('username');
    const password = str('password');
    if (!username) throw scRaise('OAUTH_MISSING_PARAM', { param: 'username' });
    if (!password) throw scRaise('OAUTH_MISSING_PARAM', { param: 'password' });
    user = c.findByUsername(username);
    if (!user || user.status !== 'a' || !verifyPassword(user.password, password)) throw scRaise('OAUTH_INVALID_GRANT');
  } else {
    const refresh = str('refresh_token');
    if (!refresh) throw scRaise('OAUTH_MISSING_PARAM', { param: 'refresh_token' });
    const found = c.tokenOfRefresh(refresh);
    const old = found && found.client_id === client.client_id ? found : undefined;
    user = old && c.users.get(old.userId);
    if (!old || !user || user.status !== 'a') throw scRaise('OAUTH_INVALID_GRANT');
    // Refresh tokens rotate: the old pair is revoked.
    c.dropToken(old);
  }
  const { client_id: _client, ...rest } = issueToken(c, user, client.client_id);
  return rest;
}

/** `POST /oauth/revoke_token/`: forget an access or refresh token (unknown tokens are fine, per RFC 7009). */
export function revokeToken(c: Community, params: Record<string, unknown>): void {
  const str = (k: string) => (typeof params[k] === 'string' && params[k] !== '' ? (params[k] as string) : undefined);
  authenticateClient(c, str('client_id'), str('client_secret'));
  const token = str('token');
  if (!token) throw scRaise('OAUTH_MISSING_PARAM', { param: 'token' });
  const found = c.tokens.get(token) ?? c.tokenOfRefresh(token);
  if (found) c.dropToken(found);
}

/**
 * The OAuth client of a request: it must exist, and a confidential client (one with a
 * `client_secret`) must present its secret; otherwise `invalid_client` (401).
 */
function authenticateClient(c: Community, clientId: string | undefined, secret: string | undefined): OAuthClient {
  const client = clientId === undefined ? undefined : c.clients.get(clientId);
  if (!client || (client.client_secret !== undefined && secret !== client.client_secret)) throw scRaise('OAUTH_INVALID_CLIENT');
  return client;
}

/** The user of a Bearer access token, or undefined (missing, unknown, expired, or the user is not active). */
export function authenticate(c: Community, authorization: string | undefined): ScUser | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = m ? c.tokens.get(m[1]) : undefined;
  if (!token || (token.expiresAt !== null && token.expiresAt <= c.clock())) return undefined;
  const user = c.users.get(token.userId);
  return user && user.status === 'a' ? user : undefined;
}
