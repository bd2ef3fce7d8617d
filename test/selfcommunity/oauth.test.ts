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

  it('revoke_token with a refresh token ends the pair', async () => {
    const pair = (await grant({ grant_type: 'password', username: MEMBER.username, password: MEMBER.password })).body;
    expect(await t.api.form('/oauth/revoke_token/', { client_id: CLIENT_ID, token: pair.refresh_token })).toMatchObject({ status: 200, body: undefined });
    expect((await t.api.get('/api/v2/user/me/', bearer(pair.access_token))).status).toBe(401);
    expect(await grant({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revoke_token: an unknown token is fine (RFC 7009), a missing one is invalid_request', async () => {
    expect(await t.api.form('/oauth/revoke_token/', { client_id: CLIENT_ID, token: 'never-issued' })).toMatchObject({ status: 200, body: undefined });
    expect(await t.api.form('/oauth/revoke_token/', { client_id: CLIENT_ID })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Request is missing token parameter.' },
    });
    expect(await t.api.form('/oauth/revoke_token/', { client_id: 'nope', token: MEMBER.token })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await t.api.get('/api/v2/user/me/', bearer(MEMBER.token))).status).toBe(200);
  });

  it('a refresh token works only for the client it was issued to', async () => {
    t.mock.selfcommunity.clients.set('other-app', { client_id: 'other-app' });
    const pair = (await grant({ grant_type: 'password', username: MEMBER.username, password: MEMBER.password })).body;
    expect(await grant({ grant_type: 'refresh_token', refresh_token: pair.refresh_token, client_id: 'other-app' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Refused without rotating: the owner can still use it.
    expect((await grant({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })).status).toBe(200);
  });

  it('a confidential client must send its client_secret', async () => {
    t.mock.selfcommunity.clients.set('confidential', { client_id: 'confidential', client_secret: 's3cret' });
    const fields = { grant_type: 'password', username: MEMBER.username, password: MEMBER.password, client_id: 'confidential' };
    expect(await grant(fields)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await grant({ ...fields, client_secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const ok = await grant({ ...fields, client_secret: 's3cret' });
    expect(ok.status).toBe(200);
    expect(await t.api.form('/oauth/revoke_token/', { client_id: 'confidential', token: ok.body.access_token })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await t.api.form('/oauth/revoke_token/', { client_id: 'confidential', client_secret: 's3cret', token: ok.body.access_token })).status).toBe(200);
    expect((await t.api.get('/api/v2/user/me/', bearer(ok.body.access_token))).status).toBe(401);
  });

  it.each([
    ['blocked', 'b'],
    ['deleted', 'd'],
    ['unregistered', 'u'],
  ] as const)('a %s user is refused at the token endpoint and by its tokens', async (_name, status) => {
    const pair = (await grant({ grant_type: 'password', username: MEMBER.username, password: MEMBER.password })).body;
    const token = pair.access_token as string;
    t.mock.selfcommunity.users.update('2', (u) => ({ ...u, status }));
    expect(await grant({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await grant({ grant_type: 'password', username: MEMBER.username, password: MEMBER.password })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid credentials given.' },
    });
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
