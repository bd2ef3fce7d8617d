import { describe, expect, it } from 'vitest';
import { MockchatConfigError } from '../../src/errors.js';
import { verifyPassword } from '../../src/rocketchat/passwords.js';
import { Community, DEFAULT_CLIENT_ID, OUTBOX_LIMIT, insertScUser } from '../../src/selfcommunity/community.js';
import { SCOPE, defaultClientId, issueToken } from '../../src/selfcommunity/oauth.js';
import { resetPassword } from '../../src/selfcommunity/accounts/recovery.js';
import { sendValidationCode } from '../../src/selfcommunity/accounts/validation-codes.js';
import { seedCommunity } from '../../src/selfcommunity/seed.js';

const seeded = () =>
  seedCommunity({
    users: [
      { username: 'ann', email: 'ann@example.com', password: 'Ann-pass-1', token: 'ann-token' },
      { username: 'bob', email: 'bob@example.com', password: 'Bob-pass-1', ext_id: 'Ext-1', provider: 'google' },
      { username: 'cid', email: 'cid@example.com', password: 'Cid-pass-1', ext_id: 'x-9' },
    ],
  });

describe('Community (unit)', () => {
  it('seeds the default client and seeded tokens with the shared scope and client id', () => {
    const c = seeded();
    expect([...c.clients.keys()]).toEqual([DEFAULT_CLIENT_ID]);
    expect(defaultClientId(c)).toBe(DEFAULT_CLIENT_ID);
    expect(defaultClientId(new Community())).toBe(DEFAULT_CLIENT_ID);
    expect(c.tokens.get('ann-token')).toEqual({ access_token: 'ann-token', refresh_token: 'ann-token-refresh', userId: '1', client_id: DEFAULT_CLIENT_ID, scope: SCOPE, expiresAt: null });
    expect(c.tokenOfRefresh('ann-token-refresh')?.access_token).toBe('ann-token');
    expect(c.tokensOf('1').map((t) => t.access_token)).toEqual(['ann-token']);
  });

  it('insertScUser: defaults, hashed password, ids only consumed on success', () => {
    const c = seeded();
    const { user } = insertScUser(c, { username: 'dan', email: 'dan@example.com', password: 'Dan-pass-1' });
    expect(user).toMatchObject({ _id: '4', id: 4, email_isvalid: false, role: null, real_name: '', status: 'a', reg_approved: true, ext_id: null, metadata: {} });
    expect(verifyPassword(user!.password, 'Dan-pass-1')).toBe(true);
    expect(insertScUser(c, { username: 'DAN', email: 'x@example.com', password: 'x' })).toEqual({ clash: 'username' });
    expect(insertScUser(c, { username: 'eve', email: 'eve@example.com', password: 'x', ext_id: 'Ext-1', provider: 'google' })).toEqual({ clash: 'ext_id' });
    expect(insertScUser(c, { username: 'eve', email: 'eve@example.com', password: 'x' }).user?.id).toBe(5);
  });

  it('a seed repeating an ext_id at the same provider is a config error', () => {
    const twice = { email: 'a@example.com', password: 'x', ext_id: 'e1', provider: 'google' };
    expect(() => seedCommunity({ users: [{ ...twice, username: 'a' }, { ...twice, username: 'b', email: 'b@example.com' }] })).toThrow(MockchatConfigError);
  });

  it('findByExtId: by index, provider defaulting to external, ids compared exactly', () => {
    const c = seeded();
    expect(c.findByExtId('Ext-1', 'google')?.username).toBe('bob');
    expect(c.findByExtId('ext-1', 'google')).toBeUndefined();
    expect(c.findByExtId('Ext-1', 'facebook')).toBeUndefined();
    expect(c.findByExtId('x-9', 'external')?.username).toBe('cid');
  });

  it('addToken/dropToken keep the access, refresh and user indexes together', () => {
    const c = seeded();
    const ann = c.findByUsername('ann')!;
    const issued = issueToken(c, ann, DEFAULT_CLIENT_ID);
    expect(c.tokensOf(ann._id)).toHaveLength(2);
    c.dropToken(c.tokens.get(issued.access_token)!);
    expect(c.tokens.has(issued.access_token)).toBe(false);
    expect(c.tokenOfRefresh(issued.refresh_token)).toBeUndefined();
    expect(c.tokensOf(ann._id).map((t) => t.access_token)).toEqual(['ann-token']);
  });

  it('reset ends only that user’s issued tokens, through the user index', () => {
    const c = seeded();
    const [ann, bob] = [c.findByUsername('ann')!, c.findByUsername('bob')!];
    const annIssued = issueToken(c, ann, DEFAULT_CLIENT_ID);
    const bobIssued = issueToken(c, bob, DEFAULT_CLIENT_ID);
    const code = sendValidationCode(c, ann, 'reset');
    const { token } = resetPassword(c, { validation_code: code, password: 'New-pass-99' });
    expect(c.tokens.has(annIssued.access_token)).toBe(false);
    expect(c.tokens.has('ann-token')).toBe(true);
    expect(c.tokens.has(bobIssued.access_token)).toBe(true);
    expect(c.tokensOf(ann._id).map((t) => t.access_token).sort()).toEqual(['ann-token', token.access_token].sort());
    expect(c.validationCodes.has(code)).toBe(false);
  });

  it('load() rebuilds every token index', () => {
    const c = seeded();
    issueToken(c, c.findByUsername('bob')!, DEFAULT_CLIENT_ID);
    const state = c.toState();
    const d = new Community();
    d.load(state);
    expect(d.tokensOf('2')).toHaveLength(1);
    expect(d.tokenOfRefresh('ann-token-refresh')?.access_token).toBe('ann-token');
    expect(d.findByExtId('Ext-1', 'google')?.username).toBe('bob');
  });

  it(`the outbox keeps the last ${OUTBOX_LIMIT} emails`, () => {
    const c = seeded();
    const ann = c.findByUsername('ann')!;
    const codes = Array.from({ length: OUTBOX_LIMIT + 5 }, () => sendValidationCode(c, ann, 'verify'));
    expect(c.outbox).toHaveLength(OUTBOX_LIMIT);
    expect(c.outbox[0].validation_code).toBe(codes[5]);
    expect(c.outbox.at(-1)!.validation_code).toBe(codes.at(-1));
  });
});
