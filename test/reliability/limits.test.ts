import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { startMockchat } from '../support/start-mockchat.js';

/** Every limit answers with a clear error in the product's own format (docs/reliability.md, limits table). */

const deepJson = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/** Send raw bytes on a fresh socket and read until the server closes or `ms` pass. */
function rawExchange(port: number, request: string, ms = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (c) => (text += c.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, ms).unref();
  });
}

const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

describe('limits with clear errors', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat({ maxJsonDepth: 10, headerLimit: 4096, ddpMaxMessageBytes: 4096, ddpMaxMessagesPerSecond: 50 });
  });
  afterAll(() => mock?.close());

  it('JSON depth: 400 in each product\'s format, and the admin API\'s', async () => {
    const post = (path: string, body: string) => fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const rc = await post('/api/v1/users.register', `{"username":${deepJson(10)}}`);
    expect(rc.status).toBe(400);
    expect(await rc.json()).toEqual({ success: false, error: 'Request body JSON nests deeper than 10 levels', errorType: 'MOCKCHAT_ERR_JSON_DEPTH' });
    const sc = await post('/api/v2/account/create/', deepJson(11));
    expect(sc.status).toBe(400);
    expect(await sc.json()).toEqual({ errors: [{ code: 'MOCKCHAT_ERR_JSON_DEPTH', message: 'Request body JSON nests deeper than 10 levels' }] });
    const admin = await post('/__mockchat/scenario', `{"scenario":${deepJson(10)}}`);
    expect(admin.status).toBe(400);
    expect((await admin.json()).error.code).toBe('MOCKCHAT_ERR_JSON_DEPTH');
    // The data API reads its bodies the admin API's way (readAdminJson): the same limit, nothing written.
    const data = await post('/__mockchat/db/users', `{"username":"deep","email":"deep@example.com","name":${deepJson(10)}}`);
    expect(data.status).toBe(400);
    expect(await data.json()).toEqual({ error: { code: 'MOCKCHAT_ERR_JSON_DEPTH', message: '[mockchat] Request body JSON nests deeper than 10 levels' } });
    expect(mock.users.findByUsername('deep')).toBeUndefined();
    // At the limit it is an ordinary body (here: the route's own validation error).
    const ok = await post('/api/v1/users.register', `{"username":${deepJson(9)}}`);
    expect((await ok.json()).errorType).toBe('invalid-params');
  });

  it('JSON depth over DDP: an error frame, and the connection lives on', async () => {
    const c = await RawDdp.connect(mock.wsUrl);
    c.send(`{"msg":"method","id":"1","method":"registerUser","params":${deepJson(10)}}`);
    expect(await c.next()).toEqual({ msg: 'error', reason: 'Bad request: JSON nests deeper than 10 levels' });
    const { result } = await c.call('public-settings/get');
    expect(Array.isArray(result.result)).toBe(true);
    c.close();
  });

  it('header size: 431 with a JSON body naming the limit', async () => {
    const raw = await rawExchange(mock.port, `GET /api/info HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(5000)}\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(bodyOf(raw)).toEqual({ success: false, error: '[mockchat] Request headers exceed the limit of 4096 bytes (--header-limit).', errorType: 'MOCKCHAT_ERR_HEADER_TOO_LARGE' });
    expect((await fetch(`${mock.url}/api/info`)).status).toBe(200);
  });

  it('DDP frame size (ddpMaxMessageBytes): close 1009', async () => {
    const c = await RawDdp.connect(mock.wsUrl);
    c.send(JSON.stringify({ msg: 'ping', id: 'x'.repeat(5000) }));
    expect((await c.closed).code).toBe(1009);
  });

  it('DDP messages per second (ddpMaxMessagesPerSecond): close 1008 "Too many messages"', async () => {
    const c = await RawDdp.connect(mock.wsUrl);
    for (let i = 0; i < 60; i++) c.send({ msg: 'ping', id: String(i) });
    expect(await c.closed).toEqual({ code: 1008, reason: 'Too many messages' });
  });
});

describe('body size (bodyLimit)', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat({ bodyLimit: 1024 });
  });
  afterAll(() => mock?.close());

  // Not in test/rest/: the contract run's Prism front does not relay `Connection`.
  it('a product body past the limit: 413 in the product format, and the connection closed', async () => {
    const post = (path: string) => fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(2048) }) });
    const rc = await post('/api/v1/users.register');
    expect(rc.status).toBe(413);
    expect(rc.headers.get('connection')).toBe('close');
    expect(await rc.json()).toEqual({ success: false, error: 'Request body exceeds the limit of 1024 bytes' });
    const sc = await post('/api/v2/account/create/');
    expect(sc.status).toBe(413);
    expect(sc.headers.get('connection')).toBe('close');
    expect(await sc.json()).toEqual({ errors: [{ code: 'request_too_large', message: 'Request body exceeds the limit of 1024 bytes' }] });
  });

  it("an admin body past the limit: 413 in the admin API's format, and the connection closed as on the product APIs", async () => {
    const res = await fetch(`${mock.url}/__mockchat/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'x'.repeat(2048) }) });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ error: { code: 'MOCKCHAT_ERR_BODY_TOO_LARGE', message: '[mockchat] Request body exceeds the limit of 1024 bytes' } });
  });

  it('a data API body past the limit: 413 in the admin format, the connection closed, nothing written', async () => {
    const before = (await (await fetch(`${mock.url}/__mockchat/db/users`)).json()) as unknown[];
    const res = await fetch(`${mock.url}/__mockchat/db/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'big', email: 'big@example.com', name: 'x'.repeat(2048) }) });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ error: { code: 'MOCKCHAT_ERR_BODY_TOO_LARGE', message: '[mockchat] Request body exceeds the limit of 1024 bytes' } });
    expect(((await (await fetch(`${mock.url}/__mockchat/db/users`)).json()) as unknown[]).length).toBe(before.length);
  });
});

describe('open connections (maxConnections)', () => {
  let mock: Mockchat;
  const held: Socket[] = [];
  beforeAll(async () => {
    mock = await startMockchat({ maxConnections: 3 });
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await mock?.close();
  });

  /** Hold open connections up to the limit (3). */
  async function holdAll(): Promise<void> {
    while (held.length < 3) {
      const s = connect(mock.port, '127.0.0.1');
      await new Promise((resolve) => s.once('connect', resolve));
      held.push(s);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('past the limit a request is answered 503 in the product format and closed; a freed slot is reused', async () => {
    await holdAll();
    const rc = await rawExchange(mock.port, 'GET /api/info HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(rc).toMatch(/^HTTP\/1\.1 503 /);
    expect(rc).toMatch(/connection: close/i);
    expect(bodyOf(rc)).toEqual({ success: false, error: '[mockchat] Too many open connections (limit 3); close some or raise --max-connections.', errorType: 'MOCKCHAT_ERR_CONNECTIONS' });
    const sc = await rawExchange(mock.port, 'GET /api/v2/user/me/ HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(bodyOf(sc)).toEqual({ errors: [{ code: 'MOCKCHAT_ERR_CONNECTIONS', message: expect.stringContaining('Too many open connections') }] });
    const ws = await rawExchange(mock.port, 'GET /websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    expect(ws).toMatch(/^HTTP\/1\.1 503 /);
    expect(bodyOf(ws).errorType).toBe('MOCKCHAT_ERR_CONNECTIONS');
    // An upgrade answers in the format of the product owning its path, like a request.
    const scUpgrade = await rawExchange(mock.port, 'GET /api/v2/user/me/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    expect(scUpgrade).toMatch(/^HTTP\/1\.1 503 /);
    expect(bodyOf(scUpgrade)).toEqual({ errors: [{ code: 'MOCKCHAT_ERR_CONNECTIONS', message: expect.stringContaining('Too many open connections') }] });

    held.pop()!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${mock.url}/api/info`, { headers: { connection: 'close' } })).status).toBe(200);
  });

  it('an upgrade to an admin path past the limit gets the admin answer a request gets: 503, admin format, Retry-After', async () => {
    await holdAll();
    const admin = { error: { code: 'MOCKCHAT_ERR_CONNECTIONS', message: '[mockchat] Too many open connections (limit 3); close some or raise --max-connections.' } };
    const request = await rawExchange(mock.port, 'GET /__mockchat/events HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(request).toMatch(/^HTTP\/1\.1 503 /);
    expect(request).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(bodyOf(request)).toEqual(admin);
    const upgrade = await rawExchange(mock.port, 'GET /__mockchat/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    expect(upgrade).toMatch(/^HTTP\/1\.1 503 /);
    expect(upgrade).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(upgrade).toMatch(/\r\nconnection: close\r\n/i);
    expect(bodyOf(upgrade)).toEqual(admin);

    held.pop()!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('rejects a non-positive limit up front', async () => {
    await expect(startMockchat({ maxConnections: 0 })).rejects.toThrow('maxConnections must be a positive integer, got 0');
    await expect(startMockchat({ maxJsonDepth: -1 })).rejects.toThrow('maxJsonDepth must be a positive integer, got -1');
  });
});

describe('an unexpected error (500)', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => mock?.close());

  // Nothing a client sends makes a route throw unexpectedly: the tests break a part of the server.
  it("answers in the format of the product owning the path, or Rocket.Chat's", async () => {
    vi.spyOn(mock.sandbox('broken').scenarios, 'scoped').mockImplementation(() => {
      throw new Error('boom');
    });
    const get = (path: string) => fetch(`${mock.url}${path}`, { headers: { 'x-mockchat-sandbox': 'broken' } });
    const rc = await get('/api/info');
    expect(rc.status).toBe(500);
    expect(await rc.json()).toEqual({ success: false, error: 'Internal server error' });
    const sc = await get('/api/v2/user/me/');
    expect(sc.status).toBe(500);
    expect(await sc.json()).toEqual({ errors: [{ code: 'error', message: 'Internal server error' }] });
  });

  it("answers in the admin API's format under /__mockchat/, like its other refusals", async () => {
    vi.spyOn(mock.journal, 'find').mockImplementation(() => {
      throw new Error('boom');
    });
    const admin = await fetch(`${mock.url}/__mockchat/requests?limit=1`);
    expect(admin.status).toBe(500);
    expect(await admin.json()).toEqual({ error: { code: 'MOCKCHAT_ERR_INTERNAL', message: '[mockchat] Internal server error' } });
  });
});
