import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

describe('users.checkUsernameAvailability for the caller', () => {
  const t = useMockchat();
  const check = async (username: string) => t.api.get(`/api/v1/users.checkUsernameAvailability?username=${encodeURIComponent(username)}`, await t.api.login('alice', 'alice-password'));

  it('reports the caller’s own name as available, and a taken one (any case) as not', async () => {
    expect((await check('alice')).body).toEqual({ result: true, success: true });
    expect((await check('BOB')).body).toEqual({ result: false, success: true });
    expect((await check('free.name')).body).toEqual({ result: true, success: true });
  });

  it('refuses callers who may not change their username (Accounts_AllowUsernameChange off)', async () => {
    t.mock.workspace.settings.set('Accounts_AllowUsernameChange', false);
    expect((await check('free.name')).body).toEqual({ success: false, error: 'Not allowed [error-not-allowed]', errorType: 'error-not-allowed', details: { method: 'setUsername' } });
  });
});
