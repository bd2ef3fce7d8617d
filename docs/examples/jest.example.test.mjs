/**
 * mockchat from jest (native ESM, no transform). Run with:
 *   node --experimental-vm-modules node_modules/jest/bin/jest.js --config docs/examples/jest.config.json
 * In your project import from 'mockchat'; this copy imports the built package (`npm run build`).
 * `describe`, `it`, `expect` and the hooks are jest globals.
 */
import { createHash } from 'node:crypto';
import { createMockchat } from '../../dist/index.js';

/** One sandbox per jest worker, so parallel workers can share one server. */
const SANDBOX = { 'X-Mockchat-Sandbox': `worker-${process.env.JEST_WORKER_ID ?? '0'}` };

describe('sign-up against mockchat (jest)', () => {
  let mock;

  const post = async (path, body, headers = {}) => {
    const res = await fetch(`${mock.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const jane = { username: 'jane', email: 'jane@example.com', pass: 's3cret!', name: 'Jane' };

  beforeAll(async () => {
    mock = await createMockchat({ port: 0, logLevel: 'silent' });
  });
  afterEach(() => {
    mock.reset();
    mock.journal.clear();
  });
  afterAll(() => mock.close());

  it('registers, logs in with a digest, and verifies the calls', async () => {
    expect((await post('/api/v1/users.register', jane)).status).toBe(200);
    const digest = createHash('sha256').update(jane.pass).digest('hex');
    const login = await post('/api/v1/login', { user: 'jane', password: { digest, algorithm: 'sha-256' } });
    expect(login.status).toBe(200);
    expect(mock.journal.wasCalled('registerUser', { email: 'jane@example.com' })).toBe(true);
    expect(mock.journal.count({ operation: 'login', status: 200 })).toBe(1);
    expect(JSON.stringify(mock.journal.find())).not.toContain(login.body.data.authToken);
  });

  it('reaches an error through a scenario, and reset() brings the seed back', async () => {
    mock.useScenario('registration-disabled');
    const res = await post('/api/v1/users.register', jane);
    expect(res).toMatchObject({ status: 400, body: { errorType: 'error-user-registration-disabled' } });
    mock.reset();
    expect(mock.scenarios().active).toEqual([]);
    expect(mock.users.findByUsername('jane')).toBeUndefined();
  });

  it('restores an admin snapshot', async () => {
    const { body } = await post('/__mockchat/snapshots', { id: 'clean' });
    expect(body.id).toBe('clean');
    await post('/api/v1/users.register', jane);
    await post('/__mockchat/snapshots/clean/restore', {});
    expect(mock.users.findByUsername('jane')).toBeUndefined();
  });

  it('keeps a worker in its own sandbox', async () => {
    expect((await post('/api/v1/users.register', jane, SANDBOX)).status).toBe(200);
    expect(mock.users.findByUsername('jane')).toBeUndefined();
    expect(mock.sandbox(SANDBOX['X-Mockchat-Sandbox']).workspace.findByUsername('jane')).toBeDefined();
  });
});
