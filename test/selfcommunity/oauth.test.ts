import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';
import { ADMIN, CLIENT_ID, MEMBER, bearer, jane, nonFieldError, scClient } from './sc-client.js';

describe('SelfCommunity OAuth2 and roles', () => {
  const t = useMockchat({}, scClient);

  const grant = (fields: Record<string, string>) => t.api.form('/oauth/token/', { client_id: CLIENT_ID, ...fields });

  it('password grant issues a Bearer token that authenticates user/me', async () => {
    const r = await grant({ grant_type: 'password', username: ADMIN.username, password: ADMIN.password });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), expires_in: 36000, token_type: 'Bearer', scope: 'read write', refresh_token: expect.any(String) });
    const me = await t.api.get('/api/v2/user/me/', bearer(r.body.access_token));
    expect(me).toMatchObject({ status: 200, body: { id: 1, username: 'admin', role: 'admin', email: 'admin@community.example.com', email_isvalid: true } });
  });

  it('accepts a JSON body too', async () => {
    const r = await t.api.post('/oauth/token/', { grant_type: 'password', username: MEMBER.username, password: MEMBER.password, client_id: CLIENT_ID });
    expect(r.status).toBe(200);
  });

  it('refresh_token grant rotates the pair', async () => {
    const first = (await grant({ grant_type: 'password', username: MEMBER.username, password: MEMBER.password })).body;
    const next = await grant({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(next.status).toBe(200);
    expect(next.body.access_token).not.toBe(first.access_token);
    expect((await t.api.get('/api/v2/user/me/', bearer(first.access_token))).status).toBe(401);
    expect((await t.api.get('/api/v2/user/me/', bearer(next.body.access_token))).status).toBe(200);
    expect(await grant({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revoke_token ends a token', async () => {
    const token = await t.api.token(MEMBER.username, MEMBER.password);
    expect((await t.api.form('/oauth/revoke_token/', { client_id: CLIENT_ID, token })).status).toBe(200);
    expect((await t.api.get('/api/v2/user/me/', bearer(token))).status).toBe(401);
  });

  it.each([
    ['wrong password', { grant_type: 'password', username: 'admin', password: 'nope' }, 400, { error: 'invalid_grant', error_description: 'Invalid credentials given.' }],
    ['unknown user', { grant_type: 'password', username: 'ghost', password: 'Ghost-pass-1' }, 400, { error: 'invalid_grant', error_description: 'Invalid credentials given.' }],
    ['missing username', { grant_type: 'password', password: 'x' }, 400, { error: 'invalid_request', error_description: 'Request is missing username parameter.' }],
    ['missing password', { grant_type: 'password', username: 'admin' }, 400, { error: 'invalid_request', error_description: 'Request is missing password parameter.' }],
    ['unsupported grant', { grant_type: 'client_credentials' }, 400, { error: 'unsupported_grant_type' }],
    ['unknown client', { grant_type: 'password', username: 'admin', password: ADMIN.password, client_id: 'nope' }, 401, { error: 'invalid_client' }],
  ])('token endpoint: %s', async (_name, fields, status, body) => {
    expect(await grant(fields as Record<string, string>)).toMatchObject({ status, body });
  });

  describe('account/create access', () => {
    it('401 without a token, with the DRF challenge header', async () => {
      const r = await t.api.create(jane(), {});
      expect(r.status).toBe(401);
      expect(r.body).toEqual(nonFieldError('not_authenticated', 'Authentication credentials were not provided.'));
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    });

    it('401 with an unknown token', async () => {
      expect(await t.api.create(jane(), bearer('not-a-token'))).toMatchObject({ status: 401, body: nonFieldError('not_authenticated', 'Authentication credentials were not provided.') });
    });

    it('403 for a non-admin, and nothing is created', async () => {
      const token = await t.api.token(MEMBER.username, MEMBER.password);
      expect(await t.api.create(jane(), bearer(token))).toMatchObject({ status: 403, body: nonFieldError('permission_denied', 'You do not have permission to perform this action.') });
      expect(t.mock.selfcommunity.findByUsername('jane')).toBeUndefined();
    });

    it('checks access before the body (an invalid body still gets 401/403)', async () => {
      expect((await t.api.create({}, {})).status).toBe(401);
      expect((await t.api.create({}, bearer(MEMBER.token))).status).toBe(403);
    });

    it('201 for an admin token obtained through OAuth', async () => {
      const token = await t.api.token(ADMIN.username, ADMIN.password);
      expect((await t.api.create(jane(), bearer(token))).status).toBe(201);
    });
  });

  it('unknown SelfCommunity paths are 404 and wrong methods 405, in SelfCommunity format', async () => {
    expect(await t.api.get('/api/v2/nothing/')).toMatchObject({ status: 404, body: nonFieldError('not_found', 'Not found.') });
    expect(await t.api.get('/api/v2/account/create/', bearer(ADMIN.token))).toMatchObject({ status: 405, body: nonFieldError('method_not_allowed', 'Method "GET" not allowed.') });
  });

  it('leaves Rocket.Chat paths to Rocket.Chat', async () => {
    expect((await t.api.get('/api/info')).body).toMatchObject({ success: true });
  });
});
