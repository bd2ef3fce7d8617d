/**
 * mockchat from vitest: one server per test file, state reset after each test.
 * In your project import from 'mockchat'; this copy imports the sources so it runs in this repo
 * (test/toolkit/vitest-example.test.ts runs it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockchat, type Mockchat } from '../../src/index.js';

describe('sign-up against mockchat (vitest)', () => {
  let mock: Mockchat;
  // Parallel workers can share one server, each in its own sandbox (own users, own scenario).
  const sandbox = { 'X-Mockchat-Sandbox': `worker-${process.env.VITEST_POOL_ID ?? '0'}` };

  const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${mock.url}/api/v1/users.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    mock = await createMockchat({ port: 0, logLevel: 'silent' });
  });
  afterEach(() => {
    mock.reset(); // seeded users, settings and the base scenario back
    mock.journal.clear();
  });
  afterAll(() => mock.close());

  it('registers a user and verifies the call in the journal', async () => {
    const res = await register({ username: 'jane', email: 'jane@example.com', pass: 's3cret!', name: 'Jane' });
    expect(res.status).toBe(200);
    expect(mock.users.findByUsername('jane')?.emails[0].address).toBe('jane@example.com');
    expect(mock.journal.wasCalled('registerUser', { email: 'jane@example.com' })).toBe(true);
    expect(JSON.stringify(mock.journal.find())).not.toContain('s3cret!'); // secrets are redacted
  });

  it('reaches an error through a scenario', async () => {
    mock.useScenario('registration-disabled');
    const res = await register({ username: 'jane', email: 'jane@example.com', pass: 's3cret!', name: 'Jane' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorType: 'error-user-registration-disabled' });
  });

  it('starts every test from the seed (reset in afterEach)', () => {
    expect(mock.users.findByUsername('jane')).toBeUndefined();
    expect(mock.scenarios().active).toEqual([]);
  });

  it('snapshots and restores state', async () => {
    const before = mock.snapshot();
    await register({ username: 'temp', email: 'temp@example.com', pass: 's3cret!', name: 'Temp' });
    mock.restore(before);
    expect(mock.users.findByUsername('temp')).toBeUndefined();
  });

  it('isolates a worker in its sandbox', async () => {
    const res = await register({ username: 'jane', email: 'jane@example.com', pass: 's3cret!', name: 'Jane' }, sandbox);
    expect(res.status).toBe(200);
    expect(mock.users.findByUsername('jane')).toBeUndefined(); // not in the main workspace
    expect(mock.sandbox(sandbox['X-Mockchat-Sandbox']).workspace.findByUsername('jane')).toBeDefined();
    await fetch(`${mock.url}/__mockchat/sandboxes/${sandbox['X-Mockchat-Sandbox']}`, { method: 'DELETE' });
  });
});
