import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { startMockchat, useMockchat } from '../support/start-mockchat.js';

describe('DDP server heartbeat (100 ms intervals)', () => {
  let mock: Mockchat;

  beforeAll(async () => {
    mock = await startMockchat({ ddpHeartbeatInterval: 100, ddpHeartbeatTimeout: 100 });
  });
  afterAll(() => mock.close());

  it('pings an idle connection, and keeps it while it answers', async () => {
    const c = await RawDdp.connect(mock.wsUrl);
    expect(await c.next(1000)).toEqual({ msg: 'ping' });
    c.send({ msg: 'pong' });
    expect(await c.next(1000)).toEqual({ msg: 'ping' });
    c.send({ msg: 'pong' });
    expect(c.socket.readyState).toBe(c.socket.OPEN);
    c.close();
  });

  it('closes a connection that stays silent after a ping', async () => {
    const c = await RawDdp.connect(mock.wsUrl);
    expect(await c.next(1000)).toEqual({ msg: 'ping' });
    const { code } = await c.closed;
    expect(code).toBe(1000);
  });

  it('closes a socket that never sends connect', async () => {
    const c = await RawDdp.open(mock.wsUrl);
    await c.closed;
    expect(c.frames).toEqual([{ server_id: '0' }]);
  });

});

describe('DDP robustness', () => {
  const t = useMockchat();

  it('answers a binary frame with Bad request and stays usable', async () => {
    const c = await RawDdp.connect(t.mock.wsUrl);
    c.send(Buffer.from(JSON.stringify({ msg: 'ping', id: 'bin' })));
    expect(await c.next()).toEqual({ msg: 'error', reason: 'Bad request' });
    c.send({ msg: 'ping', id: 'text' });
    expect(await c.next()).toEqual({ msg: 'pong', id: 'text' });
    c.close();
  });

  it('closes with 1007 on invalid UTF-8, and the server keeps serving', async () => {
    const c = await RawDdp.connect(t.mock.wsUrl);
    c.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await c.closed).code).toBe(1007);
    const d = await RawDdp.connect(t.mock.wsUrl);
    d.send({ msg: 'ping', id: 'alive' });
    expect(await d.next()).toEqual({ msg: 'pong', id: 'alive' });
    d.close();
  });

  it('closes with 1009 on a frame over 1 MiB', async () => {
    const c = await RawDdp.connect(t.mock.wsUrl);
    c.send(JSON.stringify({ msg: 'ping', id: 'x'.repeat(1024 * 1024) }));
    expect((await c.closed).code).toBe(1009);
  });

  it('closes a flooding connection with 1008', async () => {
    const c = await RawDdp.connect(t.mock.wsUrl);
    // Keep flooding until the server closes: on a loaded machine one burst of 1,500 can be read
    // across two one-second windows and never pass 1,000 in either.
    let open = true;
    void c.closed.then(() => (open = false));
    for (let i = 0; open && i < 100; i++) {
      for (let j = 0; j < 500; j++) c.send({ msg: 'ping', id: `${i}.${j}` });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await c.closed).code).toBe(1008);
  });

  it('refuses upgrades on other paths with 404', async () => {
    await expect(RawDdp.open(t.mock.wsUrl.replace('/websocket', '/nope'))).rejects.toThrow(/404/);
  });

  it.each(['/websocket/', '/sockjs/websocket'])('serves raw DDP at %s too', async (path) => {
    const c = await RawDdp.connect(t.mock.wsUrl.replace('/websocket', path));
    c.send({ msg: 'ping', id: path });
    expect(await c.next()).toEqual({ msg: 'pong', id: path });
    c.close();
  });

  it('drops the login state when the connection closes', async () => {
    const c = await RawDdp.connect(t.mock.wsUrl);
    await c.apply('login', { user: { username: 'admin' }, password: 'admin' });
    expect(await c.apply('getUsernameSuggestion')).toEqual(expect.any(String));
    c.close();
    await c.closed;
    const d = await RawDdp.connect(t.mock.wsUrl);
    await expect(d.apply('getUsernameSuggestion')).rejects.toMatchObject({ error: 'error-invalid-user' });
    d.close();
  });
});

describe('mock.close()', () => {
  it('ends open DDP connections and is idempotent', async () => {
    const mock = await startMockchat();
    const a = await RawDdp.connect(mock.wsUrl);
    const b = await RawDdp.open(mock.wsUrl);
    const closing = [a.closed, b.closed];
    await Promise.all([mock.close(), mock.close()]);
    const codes = (await Promise.all(closing)).map((c) => c.code);
    expect(codes).toEqual([1001, 1001]);
    await mock.close();
  });
});
