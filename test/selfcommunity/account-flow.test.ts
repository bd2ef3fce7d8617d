import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';
import { asAdmin, bearer, fieldError, jane, nonFieldError, scClient } from './sc-client.js';

const INVALID_CODE = fieldError('validation_code', 'invalid', 'Invalid or expired validation code.');

describe('SelfCommunity sign-up flow: verify, recover, reset, search', () => {
  const t = useMockchat({}, scClient);

  it('create → verify (email valid, logged in) → the code works once', async () => {
    const created = await t.api.create(jane());
    const code = created.headers.get('x-mockchat-validation-code')!;
    const r = await t.api.post('/api/v2/account/verify/', { validation_code: code });
    expect(r).toMatchObject({ status: 200, body: { token: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 36000, client_id: 'mockchat-selfcommunity', scope: 'read write' } } });
    expect((await t.api.get('/api/v2/user/me/', bearer(r.body.token.access_token))).body).toMatchObject({ username: 'jane', email_isvalid: true });
    expect(await t.api.post('/api/v2/account/verify/', { validation_code: code })).toMatchObject({ status: 400, body: INVALID_CODE });
  });

  it('verify: required and invalid codes', async () => {
    expect(await t.api.post('/api/v2/account/verify/', {})).toMatchObject({ status: 400, body: fieldError('validation_code', 'required', 'This field is required.') });
    expect(await t.api.post('/api/v2/account/verify/', { validation_code: 'nope' })).toMatchObject({ status: 400, body: INVALID_CODE });
  });

  it('recover → 204 and an email → reset logs in with the new password', async () => {
    const rec = await t.api.post('/api/v2/account/recover/', { email: 'member@community.example.com' });
    expect(rec.status).toBe(204);
    expect(rec.body).toBe('');
    const code = rec.headers.get('x-mockchat-validation-code')!;
    expect(t.mock.selfcommunity.outbox.at(-1)).toEqual({ to: 'member@community.example.com', purpose: 'reset', validation_code: code });
    expect((await t.api.post('/api/v2/account/verify/validation_code/', { validation_code: code })).body).toEqual({ is_valid: true });
    const reset = await t.api.post('/api/v2/account/reset/', { validation_code: code, password: 'New-pass-99' });
    expect(reset).toMatchObject({ status: 200, body: { token: { access_token: expect.any(String) } } });
    expect(await t.api.token('member', 'New-pass-99')).toEqual(expect.any(String));
    expect((await t.api.post('/api/v2/account/verify/validation_code/', { validation_code: code })).body).toEqual({ is_valid: false });
  });

  it.each([
    ['missing', {}, fieldError('email', 'required', 'This field is required.')],
    ['invalid', { email: 'nope' }, fieldError('email', 'invalid', 'Enter a valid email address.')],
    ['unknown', { email: 'ghost@example.com' }, fieldError('email', 'exist', 'This email is not associated with any account.')],
  ])('recover: %s email', async (_name, body, expected) => {
    expect(await t.api.post('/api/v2/account/recover/', body)).toMatchObject({ status: 400, body: expected });
  });

  it('reset: bad code and weak password are reported together', async () => {
    const r = await t.api.post('/api/v2/account/reset/', { validation_code: 'nope', password: 'short' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { field: 'validation_code', messages: [{ code: 'invalid', message: 'Invalid or expired validation code.' }] },
      { field: 'password', messages: [expect.objectContaining({ code: 'min_length' }), expect.objectContaining({ code: 'invalid' })] },
    ]);
  });

  it('reset: a verify code is not a reset code', async () => {
    const code = (await t.api.create(jane())).headers.get('x-mockchat-validation-code')!;
    expect(await t.api.post('/api/v2/account/reset/', { validation_code: code, password: 'New-pass-99' })).toMatchObject({ status: 400, body: INVALID_CODE });
  });

  describe('GET /api/v2/account/search/', () => {
    it.each([
      ['username', '?username=member'],
      ['email', '?email=MEMBER@community.example.com'],
    ])('by %s, with email and status', async (_name, query) => {
      expect(await t.api.get(`/api/v2/account/search/${query}`, asAdmin)).toMatchObject({ status: 200, body: { id: 2, username: 'member', email: 'member@community.example.com', email_isvalid: true, status: 'a' } });
    });

    it('by ext_id + provider', async () => {
      expect((await t.api.get('/api/v2/account/search/?ext_id=ext-42&provider=keycloak', asAdmin)).body).toMatchObject({ username: 'sso-user', ext_id: 'ext-42' });
    });

    it.each([['none', ''], ['two', '?username=member&email=member@community.example.com'], ['ext_id alone', '?ext_id=ext-42']])('400 with %s of the parameters', async (_name, query) => {
      expect(await t.api.get(`/api/v2/account/search/${query}`, asAdmin)).toMatchObject({ status: 400, body: nonFieldError('invalid', 'Pass exactly one of: username, email, or ext_id together with provider.') });
    });

    it('400 for an unknown provider', async () => {
      expect(await t.api.get('/api/v2/account/search/?ext_id=1&provider=myspace', asAdmin)).toMatchObject({ status: 400, body: fieldError('provider', 'invalid_choice', '"myspace" is not a valid choice.') });
    });

    it('404 when nobody matches', async () => {
      expect(await t.api.get('/api/v2/account/search/?username=ghost', asAdmin)).toMatchObject({ status: 404, body: nonFieldError('not_found', 'Not found.') });
    });

    it('admin only', async () => {
      expect((await t.api.get('/api/v2/account/search/?username=member')).status).toBe(401);
      expect((await t.api.get('/api/v2/account/search/?username=member', bearer('sc-member-token'))).status).toBe(403);
    });
  });
});
