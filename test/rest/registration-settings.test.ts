import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

const CUSTOM_FIELDS = JSON.stringify({
  role: { type: 'select', defaultValue: 'student', options: ['teacher', 'student'], required: true, modifyRecordField: { array: true, field: 'roles' } },
  twitter: { type: 'text', required: true, minLength: 2, maxLength: 10, modifyRecordField: { field: 'twitterHandle' } },
});
const form = (extra: Record<string, unknown> = {}) => ({ username: 'new.user', email: 'New.User@Example.com ', pass: 'Secret-123', name: ' New User ', ...extra });

describe('settings that shape a successful registration', () => {
  const t = useMockchat();

  it('stores a lower-cased, trimmed email, a trimmed name and the default roles', async () => {
    const r = await t.api.post('/api/v1/users.register', form({ email: 'New.User@Example.com' }));
    expect(r.status).toBe(200);
    const user = t.mock.users.findByUsername('new.user')!;
    expect(user.emails).toEqual([{ address: 'new.user@example.com', verified: false }]);
    expect(user.name).toBe('New User');
    expect(user.roles).toEqual(['user']);
    expect(user.active).toBe(true);
  });

  it('gives new users the roles of Accounts_Registration_Users_Default_Roles as it is now, in the base and in a scenario', async () => {
    const register = async (n: number) => {
      expect((await t.api.post('/api/v1/users.register', form({ username: `roles${n}`, email: `roles${n}@example.com` }))).status).toBe(200);
      return t.mock.users.findByUsername(`roles${n}`)!.roles;
    };
    expect(await register(1)).toEqual(['user']);
    t.mock.workspace.settings.set('Accounts_Registration_Users_Default_Roles', 'user, bot');
    expect(await register(2)).toEqual(['user', 'bot']);
    t.mock.useScenario({ name: 'guests', description: 'guests by default', settings: { Accounts_Registration_Users_Default_Roles: 'guest' } });
    expect(await register(3)).toEqual(['guest']);
    t.mock.resetScenario();
    expect(await register(4)).toEqual(['user', 'bot']);
    // Users registered earlier keep the roles they were given.
    expect(t.mock.users.findByUsername('roles1')!.roles).toEqual(['user']);
  });

  it('saves custom fields after answering, and applies modifyRecordField', async () => {
    t.mock.workspace.settings.set('Accounts_CustomFields', CUSTOM_FIELDS);
    const r = await t.api.post('/api/v1/users.register', form({ email: 'n@example.com', customFields: { role: 'teacher', twitter: '@nu', ignored: 'x' } }));
    expect(r.status).toBe(200);
    expect(r.body.user.customFields).toBeUndefined();
    const user = t.mock.users.findByUsername('new.user')!;
    expect(user.customFields).toEqual({ role: 'teacher', twitter: '@nu' });
    expect(user.roles).toEqual(['user', 'teacher']);
    expect(user.extra).toEqual({ twitterHandle: '@nu' });
  });

  it('creates inactive users with their reason under manual approval; they cannot log in', async () => {
    t.mock.workspace.settings.set('Accounts_ManuallyApproveNewUsers', true);
    const r = await t.api.post('/api/v1/users.register', form({ email: 'n@example.com', reason: '  let me in ' }));
    expect(r.body.user.active).toBe(false);
    expect(t.mock.users.findByUsername('new.user')?.reason).toBe('let me in');
    const login = await t.api.post('/api/v1/login', { user: 'new.user', password: 'Secret-123' });
    expect(login.status).toBe(401);
    expect(login.body.error).toBe('error-user-is-not-activated');
  });

  it('ignores reason when manual approval is off', async () => {
    await t.api.post('/api/v1/users.register', form({ email: 'n@example.com', reason: 'why' }));
    expect(t.mock.users.findByUsername('new.user')?.reason).toBeUndefined();
  });

  it('follows a custom UTF8_User_Names_Validation', async () => {
    t.mock.workspace.settings.set('UTF8_User_Names_Validation', '[a-z]+');
    expect((await t.api.post('/api/v1/users.register', form({ email: 'n@example.com' }))).body).toEqual({ success: false, error: 'The username provided is not valid' });
    expect((await t.api.post('/api/v1/users.register', form({ username: 'newuser', email: 'n@example.com' }))).status).toBe(200);
  });

  it('blocks names from Accounts_BlockedUsernameList', async () => {
    t.mock.workspace.settings.set('Accounts_BlockedUsernameList', 'root, Boss');
    const r = await t.api.post('/api/v1/users.register', form({ username: 'boss', email: 'n@example.com' }));
    expect(r.body.errorType).toBe('error-blocked-username');
  });

  it('a user registered with name not required may omit nothing else: name is still checked by Match', async () => {
    t.mock.workspace.settings.set('Accounts_RequireNameForSignUp', false);
    const r = await t.api.post('/api/v1/users.register', { username: 'x1', email: 'x1@example.com', pass: 'p' });
    expect(r.body).toEqual({ success: false, error: "Match error: Missing key 'name'" });
    expect((await t.api.post('/api/v1/users.register', { username: 'x1', email: 'x1@example.com', pass: 'p', name: '' })).status).toBe(200);
  });
});
