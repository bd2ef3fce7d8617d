import EJSON from 'ejson';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/index.js';
import { useMockchat } from '../support/start-mockchat.js';

// Faults per REST route and DDP method: latency, status, drop, withheld results, unanswered pings.
const REGISTER = '/api/v1/users.register';
const CALL_ANON = '/api/v1/method.callAnon/registerUser';
const form = (n: number) => ({ email: `user${n}@example.com`, pass: 'S3cret-pass!', name: `User ${n}` });
const registerBody = (n: number) => ({ username: `user${n}`, ...form(n) });
const anonMessage = (n: number) => ({ message: EJSON.stringify({ msg: 'method', id: '1', method: 'registerUser', params: [form(n)] }) });
const INTERNAL_DDP = { isClientSafe: true, error: 500, reason: 'Internal server error', message: 'Internal server error [500]', errorType: 'Meteor.Error' };
const INTERNAL_REST = { success: false, error: 'Internal server error' };

describe('scenario faults', () => {
  const t = useMockchat();
  const useFaults = (...faults: Fault[]) => t.mock.useScenario({ name: 'faulty', description: 'test faults', faults });
  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };

  describe('latency', () => {
    it('delays only the route it names by a fixed time', async () => {
      useFaults({ route: REGISTER, latency: 200 });
      const slow = await timed(() => t.api.post(REGISTER, registerBody(1)));
      expect(slow.value.status).toBe(200);
      expect(slow.ms).toBeGreaterThanOrEqual(190);
      const fast = await timed(() => t.api.get('/api/info'));
      expect(fast.value.status).toBe(200);
      expect(fast.ms).toBeLessThan(190);
    });

    it('slow-network delays DDP method results (300-1200 ms)', async () => {
      const ddp = await t.ddp();
      t.mock.useScenario('slow-network');
      const { value, ms } = await timed(() => ddp.call('registerUser', form(1)));
      expect(value.result).toEqual({ msg: 'result', id: expect.any(String), result: expect.any(String) });
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(1500);
    });
  });

  describe('status', () => {
    it('server-errors: REST answers 500 with the body, DDP the Meteor Internal server error', async () => {
      t.mock.useScenario('server-errors');
      const rest = await t.api.post(REGISTER, registerBody(1));
      expect({ status: rest.status, body: rest.body }).toEqual({ status: 500, body: INTERNAL_REST });
      const ddp = await t.ddp();
      const { result } = await ddp.call('registerUser', form(1));
      expect(result).toEqual({ msg: 'result', id: expect.any(String), error: INTERNAL_DDP });
      expect(t.mock.users.findByEmail('user1@example.com')).toBeUndefined();
    });

    it('a 4xx status without a body says Bad request, the same over REST and DDP (5xx: Internal server error)', async () => {
      useFaults({ route: REGISTER, status: 429 }, { method: 'registerUser', status: 429 });
      const rest = await t.api.post(REGISTER, registerBody(1));
      expect(rest.status).toBe(429);
      expect(rest.body).toMatchObject({ success: false, error: 'Bad request' });
      const ddp = await t.ddp();
      const { result } = await ddp.call('registerUser', form(1));
      expect(result.error).toMatchObject({ error: 429, reason: 'Bad request' });
    });

    it('answers the status and body given, on the named route only', async () => {
      useFaults({ route: REGISTER, status: 503, body: { success: false, error: 'Maintenance' } });
      const res = await t.api.post(REGISTER, registerBody(1));
      expect({ status: res.status, body: res.body }).toEqual({ status: 503, body: { success: false, error: 'Maintenance' } });
      expect((await t.api.get('/api/info')).status).toBe(200);
    });
  });

  describe('drop', () => {
    it('REST: the connection is closed without an answer', async () => {
      useFaults({ route: REGISTER, drop: true });
      await expect(fetch(`${t.mock.url}${REGISTER}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(registerBody(1)) })).rejects.toThrow();
      expect(t.mock.users.findByUsername('user1')).toBeUndefined();
    });

    it('DDP: {method: "*", drop: true} closes the socket without a result', async () => {
      const ddp = await t.ddp();
      useFaults({ method: '*', drop: true });
      ddp.send({ msg: 'method', id: 'm1', method: 'registerUser', params: [form(1)] });
      const closed = await Promise.race([ddp.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 2000))]);
      expect(closed).toMatchObject({ code: 1011, reason: 'Connection dropped by a mockchat fault' });
      expect(ddp.frames.filter((f) => f.msg === 'result')).toEqual([]);
      expect(t.mock.users.findByEmail('user1@example.com')).toBeUndefined();
    });
  });

  describe('withholdResult and pings', () => {
    it('withholds the DDP result, yet the connection still answers ping', async () => {
      const ddp = await t.ddp();
      useFaults({ method: 'registerUser', withholdResult: true });
      ddp.send({ msg: 'method', id: 'm1', method: 'registerUser', params: [form(1)] });
      await expect(ddp.next(500)).rejects.toThrow(/no frame within 500 ms/);
      ddp.send({ msg: 'ping', id: 'p1' });
      expect(await ddp.next()).toEqual({ msg: 'pong', id: 'p1' });
      expect(ddp.frames.filter((f) => f.msg === 'result' || f.msg === 'updated')).toEqual([]);
      // The method ran; only its answer was withheld.
      expect(t.mock.users.findByEmail('user1@example.com')).toBeDefined();
    });

    it('ignorePings: the server does not pong (flaky-websocket style)', async () => {
      const ddp = await t.ddp();
      ddp.send({ msg: 'ping', id: 'before' });
      expect(await ddp.next()).toEqual({ msg: 'pong', id: 'before' });
      useFaults({ method: '*', ignorePings: true });
      ddp.send({ msg: 'ping', id: 'p1' });
      await expect(ddp.next(500)).rejects.toThrow(/no frame within 500 ms/);
      t.mock.resetScenario();
      ddp.send({ msg: 'ping', id: 'after' });
      expect(await ddp.next()).toEqual({ msg: 'pong', id: 'after' });
    });

    it('a DDP latency fault delays the result, not the pong (Meteor answers pings without queuing)', async () => {
      const ddp = await t.ddp();
      useFaults({ method: 'registerUser', latency: 1000 });
      ddp.send({ msg: 'method', id: 'm1', method: 'registerUser', params: [form(1)] });
      ddp.send({ msg: 'ping', id: 'p1' });
      const { value, ms } = await timed(() => ddp.next(900));
      expect(value).toEqual({ msg: 'pong', id: 'p1' });
      expect(ms).toBeLessThan(500);
      expect(await ddp.next()).toEqual({ msg: 'updated', methods: ['m1'] });
      expect(await ddp.next()).toEqual({ msg: 'result', id: 'm1', result: expect.any(String) });
    });

    it('the shipped flaky-websocket leaves pings unanswered', async () => {
      const ddp = await t.ddp();
      t.mock.useScenario('flaky-websocket');
      ddp.send({ msg: 'ping', id: 'p1' });
      await expect(ddp.next(500)).rejects.toThrow(/no frame within 500 ms/);
    });
  });

  describe('matching', () => {
    it('probability 0 never applies', async () => {
      useFaults({ route: '*', method: '*', probability: 0, status: 500 }, { route: '*', method: '*', probability: 0, drop: true });
      for (let n = 1; n <= 20; n++) expect((await t.api.post(REGISTER, registerBody(n))).status).toBe(200);
      const ddp = await t.ddp();
      for (let n = 21; n <= 30; n++) expect((await ddp.call('registerUser', form(n))).result.result).toEqual(expect.any(String));
    });

    it('a route-only fault does not affect DDP or the method.call bridge', async () => {
      useFaults({ route: REGISTER, status: 500 });
      expect((await t.api.post(REGISTER, registerBody(1))).status).toBe(500);
      const ddp = await t.ddp();
      expect((await ddp.call('registerUser', form(2))).result.result).toEqual(expect.any(String));
      const bridged = await t.api.post(CALL_ANON, anonMessage(3));
      expect(bridged.status).toBe(200);
      expect(EJSON.parse(bridged.body.message)).toEqual({ msg: 'result', id: '1', result: expect.any(String) });
    });

    it('a method-only fault affects DDP and REST method.callAnon/<method>, not REST users.register', async () => {
      useFaults({ method: 'registerUser', status: 500 });
      expect((await t.api.post(REGISTER, registerBody(1))).status).toBe(200);
      const bridged = await t.api.post(CALL_ANON, anonMessage(2));
      expect({ status: bridged.status, body: bridged.body }).toEqual({ status: 500, body: INTERNAL_REST });
      const other = await t.api.post('/api/v1/method.callAnon/checkRegistrationSecretURL', { message: EJSON.stringify({ msg: 'method', id: '2', method: 'checkRegistrationSecretURL', params: ['x'] }) });
      expect(other.status).toBe(200);
      const ddp = await t.ddp();
      expect((await ddp.call('registerUser', form(3))).result.error).toEqual(INTERNAL_DDP);
      expect(t.mock.users.findByEmail('user2@example.com')).toBeUndefined();
      expect(t.mock.users.findByEmail('user3@example.com')).toBeUndefined();
    });

    it('a method-only latency delays method.callAnon/<method>', async () => {
      useFaults({ method: 'registerUser', latency: 200 });
      const { value, ms } = await timed(() => t.api.post(CALL_ANON, anonMessage(1)));
      expect(value.status).toBe(200);
      expect(ms).toBeGreaterThanOrEqual(190);
    });
  });
});
