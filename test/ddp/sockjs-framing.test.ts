import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { startMockchat } from '../support/start-mockchat.js';

/** A raw `ws` client speaking SockJS framing by hand, to see the frames themselves. */
async function framed(mock: Mockchat) {
  const socket = new WebSocket(`${mock.wsUrl.replace('/websocket', '')}/sockjs/123/abcd1234/websocket`);
  socket.on('error', () => {});
  const frames: string[] = [];
  const waiters: Array<(f: string) => void> = [];
  socket.on('message', (d) => {
    const w = waiters.shift();
    if (w) w(String(d));
    else frames.push(String(d));
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  const next = () => (frames.length ? Promise.resolve(frames.shift()!) : new Promise<string>((resolve) => waiters.push(resolve)));
  return { socket, next, closed };
}

describe('SockJS framing', () => {
  let mock: Mockchat;

  beforeAll(async () => {
    mock = await startMockchat();
  });
  afterAll(() => mock.close());

  it('o, then a["…"] frames; client frames as an array or a single string', async () => {
    const c = await framed(mock);
    expect(await c.next()).toBe('o');
    expect(await c.next()).toBe('a["{\\"server_id\\":\\"0\\"}"]');
    c.socket.send(JSON.stringify([JSON.stringify({ msg: 'connect', version: '1', support: ['1'] })]));
    const connected = await c.next();
    expect(connected).toMatch(/^a\[/);
    expect(JSON.parse(JSON.parse(connected.slice(1))[0])).toEqual({ msg: 'connected', session: expect.any(String) });
    c.socket.send(JSON.stringify(JSON.stringify({ msg: 'ping', id: 'p' })));
    expect(JSON.parse(JSON.parse((await c.next()).slice(1))[0])).toEqual({ msg: 'pong', id: 'p' });
    c.socket.close();
  });

  it('broken framing closes the WebSocket with 3000 (sockjs-node closes it without a c frame)', async () => {
    const c = await framed(mock);
    expect(await c.next()).toBe('o');
    await c.next();
    c.socket.send('{not json');
    expect(await c.closed).toBe(3000);
  });

  it('unknown SockJS paths answer 404 over HTTP', async () => {
    expect((await fetch(`${mock.url}/sockjs/nope/x/y/z`)).status).toBe(404);
  });

  it('mock.close() sends c[3000,"Go away!"] and ends the socket', async () => {
    const other = await startMockchat();
    const c = await framed(other);
    expect(await c.next()).toBe('o');
    await c.next();
    await other.close();
    expect(await c.next()).toBe('c[3000,"Go away!"]');
    await c.closed;
  });
});
