import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const jane = { username: 'jane', email: 'jane@example.com', pass: 'Secret-1', name: 'Jane' };

describe('users.register from a caller with valid credentials', () => {
  let lenient: Mockchat;
  let strict: Mockchat;
  beforeAll(async () => {
    [lenient, strict] = await Promise.all([startMockchat(), startMockchat({ rejectLoggedInRegister: true })]);
  });
  afterAll(async () => {
    await Promise.all([lenient.close(), strict.close()]);
  });

  it('is ignored by default, as in Rocket.Chat 7.x (the route does not resolve the user)', async () => {
    const api = client(lenient);
    expect((await api.post('/api/v1/users.register', jane, await api.login('alice', 'alice-password'))).status).toBe(200);
  });

  it('is refused with rejectLoggedInRegister, and only with valid credentials', async () => {
    const api = client(strict);
    const headers = await api.login('alice', 'alice-password');
    expect(await api.post('/api/v1/users.register', jane, headers)).toMatchObject({ status: 400, body: { success: false, error: 'Logged in users can not register again.' } });
    expect((await api.post('/api/v1/users.register', jane, { ...headers, 'x-auth-token': 'stale' })).status).toBe(200);
  });
});
