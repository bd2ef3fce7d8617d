import { describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { useMockchat } from '../support/start-mockchat.js';

/** Accounts_AllowAnonymousRead + Accounts_AllowAnonymousWrite (7.x): registerUser without an email creates an anonymous user. */
describe('anonymous registration', () => {
  const t = useMockchat({ settings: { Accounts_AllowAnonymousRead: true, Accounts_AllowAnonymousWrite: true } });

  it('DDP registerUser without an email returns a stamped login token for a new anonymous user', async () => {
    const ddp = await RawDdp.connect(t.mock.wsUrl);
    t.sockets.push(ddp);
    const before = t.mock.users.count();
    const { result } = await ddp.call('registerUser', {});
    expect(result.result).toEqual({ token: expect.any(String), when: { $date: expect.any(Number) } });
    expect(t.mock.users.count()).toBe(before + 1);
    const resumed = await ddp.call('login', { resume: result.result.token });
    expect(resumed.result.result).toMatchObject({ type: 'resume' });
    const anon = t.mock.workspace.users.get(resumed.result.result.id);
    expect(anon?.roles).toEqual(['anonymous']);
  });

  it('REST users.register with an empty email: registerUser returns a token, so the route answers Error creating user', async () => {
    const r = await t.api.post('/api/v1/users.register', { username: 'anon.one', email: '', pass: 'p', name: 'A' });
    expect(r).toMatchObject({ status: 400, body: { success: false, error: 'Error creating user' } });
  });

  it('still requires the usual fields once an email is given', async () => {
    const ddp = await RawDdp.connect(t.mock.wsUrl);
    t.sockets.push(ddp);
    expect((await ddp.call('registerUser', { email: 'a@example.com' })).result.error).toMatchObject({ error: 400, reason: 'Match failed' });
  });
});
