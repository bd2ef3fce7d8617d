import { createRequire } from 'node:module';
import SockJS from 'sockjs-client';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';

// CommonJS clients without types: loaded as they are used in Node.
const require = createRequire(import.meta.url);
const SimpleDDP = require('simpleddp') as new (opts: object) => any;
const DDP = require('ddp.js').default as new (opts: object) => any;

const USER_NOT_FOUND = { isClientSafe: true, error: 401, reason: 'User not found', message: 'User not found [401]', errorType: 'Meteor.Error' };

describe('real DDP clients', () => {
  const t = useMockchat();

  it('simpleddp: register, login, sign-up methods, a subscription, errors', async () => {
    const server = new SimpleDDP({ endpoint: t.mock.wsUrl, SocketConstructor: WebSocket, autoReconnect: false });
    await server.connect();
    const userId = await server.call('registerUser', { email: 'sam@example.com', pass: 'Secret-123', name: 'Sam Simple' });
    expect(t.mock.users.findByEmail('sam@example.com')?._id).toBe(userId);
    const login = await server.call('login', { user: { email: 'sam@example.com' }, password: 'Secret-123' });
    // simpleddp decodes EJSON: tokenExpires comes back as a Date.
    expect(login).toMatchObject({ id: userId, type: 'password', tokenExpires: expect.any(Date) });
    expect(await server.call('getUsernameSuggestion')).toBe('sam.simple');
    expect(await server.call('setUsername', 'sam.simple')).toBe('sam.simple');
    await expect(server.call('login', { user: { username: 'sam.simple' }, password: 'nope' })).rejects.toEqual(USER_NOT_FOUND);
    await expect(server.call('nope')).rejects.toMatchObject({ error: 404, reason: "Method 'nope' not found" });
    const sub = server.subscribe('meteor.loginServiceConfiguration');
    await sub.ready();
    expect(sub.isReady()).toBe(true);
    await server.disconnect();
  });

  it('ddp.js: connects with version 1, calls methods, sees nosub', async () => {
    const ddp = new DDP({ endpoint: t.mock.wsUrl, SocketConstructor: WebSocket, autoReconnect: false });
    const next = (event: string) => new Promise<any>((resolve) => ddp.once(event, resolve));
    await next('connected');
    const id = ddp.method('login', [{ user: { username: 'admin' }, password: 'admin' }]);
    const result = await next('result');
    expect(result).toMatchObject({ id, result: { id: t.mock.admin.userId, type: 'password', tokenExpires: { $date: expect.any(Number) } } });
    ddp.method('registerUser', [{ email: 'x@mailinator.com', pass: 'p', name: 'X' }]);
    expect((await next('result')).error).toMatchObject({ error: 'error-email-domain-blacklisted' });
    const subId = ddp.sub('stream-notify-user', ['x/y', { useCollection: false, args: [] }]);
    expect(await next('nosub')).toMatchObject({ id: subId, error: { error: 404 } });
    const closed = next('disconnected');
    ddp.disconnect();
    await closed;
  });

  it('sockjs-client: the SockJS websocket transport carries DDP', async () => {
    const info = await (await fetch(`${t.mock.url}/sockjs/info`)).json();
    expect(info).toEqual({ websocket: true, origins: ['*:*'], cookie_needed: false, entropy: expect.any(Number) });
    const sock = new SockJS(`${t.mock.url}/sockjs`, undefined, { transports: ['websocket'] });
    const frames: any[] = [];
    const waiters: Array<(f: any) => void> = [];
    sock.onmessage = (e) => {
      const f = JSON.parse(e.data);
      const w = waiters.shift();
      if (w) w(f);
      else frames.push(f);
    };
    const next = () => (frames.length ? Promise.resolve(frames.shift()) : new Promise<any>((resolve) => waiters.push(resolve)));
    await new Promise<void>((resolve) => (sock.onopen = () => resolve()));
    expect((sock as unknown as { transport: string }).transport).toBe('websocket');
    expect(await next()).toEqual({ server_id: '0' });
    sock.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] }));
    expect(await next()).toMatchObject({ msg: 'connected' });
    sock.send(JSON.stringify({ msg: 'method', id: '1', method: 'login', params: [{ user: { username: 'admin' }, password: 'wrong' }] }));
    expect(await next()).toEqual({ msg: 'updated', methods: ['1'] });
    expect(await next()).toEqual({ msg: 'result', id: '1', error: USER_NOT_FOUND });
    const closed = new Promise<CloseEvent>((resolve) => (sock.onclose = (e) => resolve(e)));
    sock.close();
    expect((await closed).code).toBe(1000);
  });
});
