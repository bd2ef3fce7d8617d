import { describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { useMockchat } from '../support/start-mockchat.js';

const notFound = (reason: string) => ({ isClientSafe: true, error: 404, reason, message: `${reason} [404]`, errorType: 'Meteor.Error' });

describe('DDP protocol over raw WebSocket', () => {
  const t = useMockchat();
  const track = async (p: Promise<RawDdp>) => {
    const c = await p;
    t.sockets.push(c);
    return c;
  };

  describe('connect and version negotiation', () => {
    it('sends server_id on open, then connected with a 17-character session id', async () => {
      const c = await track(RawDdp.open(t.mock.wsUrl));
      c.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
      const frame = await c.next();
      expect(frame).toEqual({ msg: 'connected', session: expect.stringMatching(/^[23456789A-HJ-NP-Za-km-z]{17}$/) });
      expect(c.frames[0]).toEqual({ server_id: '0' });
    });

    it.each([
      ['pre2 only (ddp.js 0.5, @rocket.chat/sdk)', { version: 'pre2', support: ['pre2'] }],
      ['pre1', { version: 'pre1', support: ['pre1'] }],
      ['client preference order', { version: 'pre2', support: ['pre2', '1'] }],
    ])('accepts %s', async (_name, connect) => {
      const c = await track(RawDdp.open(t.mock.wsUrl));
      c.send({ msg: 'connect', ...connect });
      expect((await c.next()).msg).toBe('connected');
    });

    it.each([
      ['an unknown version', { version: '2', support: ['2'] }, '1'],
      ['a version that is not the first supported of its list', { version: '1', support: ['pre2', '1'] }, 'pre2'],
      ['version missing from support', { version: '1', support: ['pre2'] }, '1'],
      ['no support list', { version: '1' }, '1'],
    ])('answers failed and closes for %s', async (_name, connect, version) => {
      const c = await track(RawDdp.open(t.mock.wsUrl));
      c.send({ msg: 'connect', ...connect });
      expect(await c.next()).toEqual({ msg: 'failed', version });
      await c.closed;
    });

    it('refuses a second connect', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      const again = { msg: 'connect', version: '1', support: ['1'] };
      c.send(again);
      expect(await c.next()).toEqual({ msg: 'error', reason: 'Already connected', offendingMessage: again });
    });
  });

  describe('error frames', () => {
    it.each([['not JSON', '{nope'], ['a JSON string', '"x"'], ['a number', '1'], ['null', 'null'], ['an array', '[1]']])('%s → Bad request without offendingMessage', async (_n, text) => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send(text);
      expect(await c.next()).toEqual({ msg: 'error', reason: 'Bad request' });
    });

    it('messages before connect → Must connect first', async () => {
      const c = await track(RawDdp.open(t.mock.wsUrl));
      for (const m of [{ msg: 'method', id: '1', method: 'login', params: [] }, { msg: 'ping' }, { foo: 1 }]) {
        c.send(m);
        expect(await c.next()).toEqual({ msg: 'error', reason: 'Must connect first', offendingMessage: m });
      }
    });

    it('object without msg and unknown msg → Bad request with offendingMessage', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      for (const m of [{ foo: 1 }, { msg: 'launch' }]) {
        c.send(m);
        expect(await c.next()).toEqual({ msg: 'error', reason: 'Bad request', offendingMessage: m });
      }
    });

    it.each([
      ['id missing', { msg: 'method', method: 'login', params: [] }],
      ['id a number', { msg: 'method', id: 1, method: 'login', params: [] }],
      ['method missing', { msg: 'method', id: '1', params: [] }],
      ['params not an array', { msg: 'method', id: '1', method: 'login', params: {} }],
      ['randomSeed not a string', { msg: 'method', id: '1', method: 'login', params: [], randomSeed: 5 }],
    ])('method with %s → Malformed method invocation, no result', async (_n, m) => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send(m);
      expect(await c.next()).toEqual({ msg: 'error', reason: 'Malformed method invocation', offendingMessage: m });
      c.send({ msg: 'ping', id: 'after' });
      expect(await c.next()).toEqual({ msg: 'pong', id: 'after' });
    });

    it.each([
      ['id missing', { msg: 'sub', name: 'x' }],
      ['name a number', { msg: 'sub', id: 's', name: 1 }],
      ['params not an array', { msg: 'sub', id: 's', name: 'x', params: 'a' }],
    ])('sub with %s → Malformed subscription', async (_n, m) => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send(m);
      expect(await c.next()).toEqual({ msg: 'error', reason: 'Malformed subscription', offendingMessage: m });
    });
  });

  describe('methods', () => {
    it('unknown method → result with Meteor 404, then updated', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      const { result, order } = await c.call('launchRockets', 1);
      expect(order).toEqual(['result', 'updated']);
      expect(result).toEqual({ msg: 'result', id: '1', error: notFound("Method 'launchRockets' not found") });
    });

    it('known method → updated, then result; params default to []', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      const { result, order } = await c.call('checkRegistrationSecretURL', 'nope');
      expect(order).toEqual(['updated', 'result']);
      expect(result).toEqual({ msg: 'result', id: '1', result: false });
      c.send({ msg: 'method', id: 'no-params', method: 'public-settings/get' });
      expect(await c.next()).toEqual({ msg: 'updated', methods: ['no-params'] });
      expect((await c.next()).result).toEqual(expect.arrayContaining([{ _id: 'Accounts_RegistrationForm', value: 'Public' }]));
    });

    it('omits result when the method returns undefined (logout)', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      const { result } = await c.call('logout');
      expect(result).toEqual({ msg: 'result', id: '1' });
    });

    it('processes methods in order per connection', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      const ids = Array.from({ length: 20 }, (_, i) => `m${i}`);
      for (const id of ids) c.send({ msg: 'method', id, method: i(id) % 2 ? 'nope' : 'checkRegistrationSecretURL', params: ['x'] });
      const results: string[] = [];
      while (results.length < ids.length) {
        const f = await c.next();
        if (f.msg === 'result') results.push(f.id);
      }
      expect(results).toEqual(ids);
      function i(id: string) {
        return Number(id.slice(1));
      }
    });

    it('keeps the order when a method waits (a latency fault) and the next one answers at once', async () => {
      t.mock.useScenario({ name: 'slow-check', description: 'one slow method', faults: [{ method: 'checkRegistrationSecretURL', latency: 150 }] });
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send({ msg: 'method', id: 'slow', method: 'checkRegistrationSecretURL', params: ['x'] });
      c.send({ msg: 'method', id: 'fast', method: 'public-settings/get' });
      c.send({ msg: 'method', id: 'missing', method: 'nope' });
      const frames: string[] = [];
      while (frames.length < 6) {
        const f = await c.next();
        frames.push(`${f.msg}:${f.id ?? f.methods?.[0]}`);
      }
      expect(frames).toEqual(['updated:slow', 'result:slow', 'updated:fast', 'result:fast', 'result:missing', 'updated:missing']);
      t.mock.resetScenario();
    });

    it('decodes EJSON params and encodes EJSON results', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      const { result } = await c.call('checkRegistrationSecretURL', { $date: 0 });
      // A Date is not a String: check() fails, sanitised to Match failed [400].
      expect(result.error).toEqual({ isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error' });
      const login = await c.apply('login', { user: { username: 'admin' }, password: 'admin' });
      expect(login.tokenExpires).toEqual({ $date: expect.any(Number) });
    });
  });

  describe('subscriptions', () => {
    it('empty publications answer ready', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send({ msg: 'sub', id: 's1', name: 'meteor.loginServiceConfiguration', params: [] });
      expect(await c.next()).toEqual({ msg: 'ready', subs: ['s1'] });
      c.send({ msg: 'sub', id: 's2', name: 'meteor_autoupdate_clientVersions' });
      expect(await c.next()).toEqual({ msg: 'ready', subs: ['s2'] });
      c.send({ msg: 'unsub', id: 's1' });
      expect(await c.next()).toEqual({ msg: 'nosub', id: 's1' });
    });

    it('unknown publication → nosub with Meteor 404; unsub of anything → nosub', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send({ msg: 'sub', id: 's1', name: 'stream-notify-user', params: ['x/y', { useCollection: false, args: [] }] });
      expect(await c.next()).toEqual({ msg: 'nosub', id: 's1', error: notFound("Subscription 'stream-notify-user' not found") });
      c.send({ msg: 'unsub', id: 'never' });
      expect(await c.next()).toEqual({ msg: 'nosub', id: 'never' });
    });
  });

  describe('heartbeat', () => {
    it('pong echoes the id, and omits it when the ping has none', async () => {
      const c = await track(RawDdp.connect(t.mock.wsUrl));
      c.send({ msg: 'ping', id: 'abc' });
      expect(await c.next()).toEqual({ msg: 'pong', id: 'abc' });
      c.send({ msg: 'ping' });
      expect(await c.next()).toEqual({ msg: 'pong' });
      c.send({ msg: 'pong' });
      c.send({ msg: 'ping', id: 'still-here' });
      expect(await c.next()).toEqual({ msg: 'pong', id: 'still-here' });
    });
  });
});
