import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

describe('REST behaviours at the edges', () => {
  const t = useMockchat();

  it('parses urlencoded bodies as Rocket.Chat does', async () => {
    const res = await fetch(`${t.mock.url}/api/v1/users.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'form.user', email: 'form@example.com', pass: 'Secret-1', name: 'Form' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mockchat-warning')).toBeNull();
    expect(t.mock.users.findByUsername('form.user')).toBeDefined();
  });

  it('users.list refuses an unparseable query with error-invalid-query', async () => {
    const r = await t.api.get('/api/v1/users.list?query=%7Bnope', await t.api.login('admin', 'admin'));
    expect(r.body).toEqual({ success: false, error: 'Invalid query parameter provided: "{nope" [error-invalid-query]', errorType: 'error-invalid-query' });
  });

  it('permissions.listAll filters by updatedSince and refuses a bad date', async () => {
    const admin = await t.api.login('admin', 'admin');
    const since = new Date(Date.now() + 1000).toISOString();
    expect((await t.api.get(`/api/v1/permissions.listAll?updatedSince=${since}`, admin)).body).toEqual({ update: [], remove: [], success: true });
    expect((await t.api.get('/api/v1/permissions.listAll?updatedSince=yesterday', admin)).body).toEqual({
      success: false,
      error: 'The "updatedSince" query parameter must be a valid date. [error-roomId-param-invalid]',
      errorType: 'error-roomId-param-invalid',
    });
  });

  it('login tokens expire after Accounts_LoginExpiration days', async () => {
    t.mock.workspace.settings.set('Accounts_LoginExpiration', 0.5 / 86_400); // half a second
    const headers = await t.api.login('alice', 'alice-password');
    expect((await t.api.get('/api/v1/me', headers)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await t.api.get('/api/v1/me', headers)).status).toBe(401);
    const resume = await t.api.post('/api/v1/login', { resume: headers['x-auth-token'] });
    expect(resume.body).toEqual({ success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' });
  });

  it('a login body no handler understands is the ambiguous 401 (loginErrorMessageOverride rewrites Meteor’s "Unrecognized options")', async () => {
    const r = await t.api.post('/api/v1/login', { token: 'x' });
    expect(r).toEqual({ status: 401, headers: expect.anything(), body: { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' } });
  });

  it('a login body that fails a handler’s check() is a 401 carrying the Match.Error message', async () => {
    expect(await t.api.post('/api/v1/login', { resume: 42 })).toMatchObject({ status: 401, body: { success: false, status: 'error', message: 'Match error: Expected string, got number' } });
    const r = await t.api.post('/api/v1/login', { user: { username: 'admin', email: 'a@b.c' }, password: 'admin' });
    expect(r).toMatchObject({ status: 401, body: { success: false, status: 'error', message: 'Match error: Match error: User property must have exactly one field in field user' } });
    expect(r.body).not.toHaveProperty('error');
  });
});
