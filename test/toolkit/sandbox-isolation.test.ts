import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const jane = { username: 'jane', email: 'jane@example.com', pass: 'Secret-1', name: 'Jane' };
const inSandbox = (name: string) => ({ 'x-mockchat-sandbox': name });

describe('snapshots and the journal stay inside their sandbox', () => {
  let mock: Mockchat;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    mock = await startMockchat();
    api = client(mock);
  });
  afterEach(async () => {
    mock.reset();
    await api.call('DELETE', '/__mockchat/sandboxes');
    await api.call('DELETE', '/__mockchat/requests');
  });
  afterAll(() => mock.close());

  it('a snapshot id belongs to one sandbox; restoring never copies users across', async () => {
    expect((await api.post('/__mockchat/snapshots', { id: 'before' }, inSandbox('a'))).status).toBe(201);
    await api.post('/api/v1/users.register', jane, inSandbox('a'));
    expect((await api.post('/__mockchat/snapshots', { id: 'before' }, inSandbox('b'))).status).toBe(201);
    // The main workspace has no snapshot "before".
    expect((await api.post('/__mockchat/snapshots/before/restore')).status).toBe(404);
    expect((await api.post('/__mockchat/snapshots/before/restore', {}, inSandbox('a'))).status).toBe(200);
    expect(mock.sandbox('a').workspace.findByUsername('jane')).toBeUndefined();
    expect(mock.users.findByUsername('jane')).toBeUndefined();
  });

  it('DELETE /__mockchat/requests with a sandbox header clears only that sandbox', async () => {
    await api.post('/api/v1/users.register', jane, inSandbox('a'));
    await api.post('/api/v1/users.register', jane, inSandbox('b'));
    await api.post('/api/v1/users.register', jane);
    expect((await api.get('/__mockchat/requests', inSandbox('a'))).body.count).toBe(1);
    await api.call('DELETE', '/__mockchat/requests', undefined, inSandbox('a'));
    expect((await api.get('/__mockchat/requests', inSandbox('a'))).body.count).toBe(0);
    expect((await api.get('/__mockchat/requests', inSandbox('b'))).body.count).toBe(1);
    expect(mock.journal.count({ operation: 'registerUser' })).toBe(2);
  });

  it('read-only admin routes never create a sandbox', async () => {
    await api.get('/__mockchat/health', inSandbox('ghost'));
    await api.get('/__mockchat/sandboxes', inSandbox('ghost'));
    await api.get('/__mockchat/requests', inSandbox('ghost'));
    expect(mock.sandboxes()).toEqual([]);
  });
});
