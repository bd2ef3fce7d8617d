import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

describe('one workspace behind REST and DDP', () => {
  const t = useMockchat();

  it('register over DDP → setUsername → login over REST → /api/v1/me', async () => {
    const c = await t.ddp();
    const userId = await c.apply('registerUser', { email: 'dora@example.com', pass: 'Secret-123', name: 'Dora DDP' });
    await c.apply('login', { user: { email: 'dora@example.com' }, password: 'Secret-123' });
    expect(await c.apply('setUsername', 'dora')).toBe('dora');

    const auth = await t.api.login('dora', 'Secret-123');
    expect(auth['x-user-id']).toBe(userId);
    const me = await t.api.get('/api/v1/me', auth);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ _id: userId, username: 'dora', name: 'Dora DDP', success: true });
  });

  it('login over REST → resume over DDP', async () => {
    const auth = await t.api.login('admin', 'admin');
    const c = await t.ddp();
    const resumed = await c.apply('login', { resume: auth['x-auth-token'] });
    expect(resumed).toMatchObject({ id: auth['x-user-id'], token: auth['x-auth-token'], type: 'resume' });
  });

  it('a user registered over REST logs in over DDP', async () => {
    const res = await t.api.post('/api/v1/users.register', { username: 'rita', email: 'rita@example.com', pass: 'Secret-123', name: 'Rita Rest' });
    expect(res.status).toBe(200);
    const c = await t.ddp();
    expect(await c.apply('login', { user: { username: 'rita' }, password: 'Secret-123' })).toMatchObject({ id: res.body.user._id, type: 'password' });
  });

  it('a setting changed over REST is seen by an open DDP connection', async () => {
    const c = await t.ddp();
    const auth = await t.api.login('admin', 'admin');
    expect((await t.api.post('/api/v1/settings/Accounts_RegistrationForm', { value: 'Disabled' }, auth)).status).toBe(200);
    const { result } = await c.call('registerUser', { email: 'late@example.com', pass: 'Secret-123', name: 'Late' });
    expect(result.error).toMatchObject({ error: 'error-user-registration-disabled' });
    const settings = await c.apply('public-settings/get');
    expect(settings).toContainEqual({ _id: 'Accounts_RegistrationForm', value: 'Disabled' });
  });

  it('a REST logout logs the DDP connection that used the same token out', async () => {
    const c = await t.ddp();
    const login = await c.apply('login', { user: { username: 'admin' }, password: 'admin' });
    const out = await t.api.post('/api/v1/logout', {}, { 'x-user-id': login.id, 'x-auth-token': login.token });
    expect(out.status).toBe(200);
    await expect(c.apply('getUsernameSuggestion')).rejects.toMatchObject({ error: 'error-invalid-user' });
  });
});
