import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat, type Client } from '../support/start-mockchat.js';

/**
 * The data API narrows list queries itself (cached sort, cached `q` text) before json-server
 * sees them. This compares its answers with plain json-server over the same data.
 */
describe('data API answers exactly as plain json-server', () => {
  // One state for every query (no reset between tests): the plain copy is taken once.
  const t = {} as { mock: Mockchat; api: Client };
  let plain: Server;
  let base: string;

  beforeAll(async () => {
    t.mock = await startMockchat({ users: 300, seed: 5 });
    t.api = client(t.mock);
    // varied rows: a missing name, an inactive user, a nickname on some
    await t.api.call('POST', '/__mockchat/db/users', { username: 'noname', email: 'noname@example.org', password: 'p' });
    await t.api.call('POST', '/__mockchat/db/users', { username: 'zz.inactive', email: 'zz@example.org', password: 'p', name: 'Ma Inactive', active: false });
    const state = (await t.api.get('/__mockchat/db/db')).body;
    const jsonServer = createRequire(import.meta.url)('json-server');
    const app = jsonServer.create();
    app.use(jsonServer.router(state));
    plain = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => plain.once('listening', resolve));
    base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => plain.close(resolve));
    await t.mock.close();
  });

  const queries = [
    '_sort=username',
    '_sort=name&_order=desc',
    '_sort=active',
    '_sort=active&_order=desc',
    '_sort=name',
    '_sort=emails.0.address&_limit=15',
    '_sort=createdAt&_order=desc&_limit=5',
    'q=ma',
    'q=MA&_sort=username&_page=3&_limit=7',
    'q=true&_limit=3',
    'q=example.org',
    'q=a&active=false',
    'q=an&_sort=name&_order=desc&_start=5&_end=12',
    '_sort=username,name&_limit=10',
    'q=zzzz',
    'username_like=^ma&_sort=username',
  ];
  for (const query of queries) {
    it(query, async () => {
      const ours = await t.api.get(`/__mockchat/db/users?${query}`);
      const theirs = await fetch(`${base}/users?${query}`);
      expect(ours.status).toBe(theirs.status);
      expect(ours.headers.get('x-total-count')).toBe(theirs.headers.get('x-total-count'));
      expect(ours.body).toEqual(await theirs.json());
    });
  }
});
