import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DdpServer } from '../../src/ddp/ddp-server.js';
import { DdpRegistry } from '../../src/ddp/registry.js';
import { RawDdp } from '../support/ddp-client.js';
import { within } from '../support/run-cli.js';

/**
 * A method whose answer cannot be sent (its result is a BigInt: serialising the `result` frame
 * throws) breaks the session's task, not just the call: the connection closes with 1011 and the
 * messages queued behind it are never answered. No Rocket.Chat method returns such a value, so
 * these run a bare `DdpServer` over a real socket with methods registered for the test.
 */
describe('DDP: a task that throws while answering', () => {
  const registry = new DdpRegistry()
    .method('bigSync', () => 1n)
    .method('bigAsync', () => new Promise((resolve) => setTimeout(() => resolve(1n), 30)))
    .method('echo', (_connection, params) => params[0]);
  const ddp = new DdpServer(registry, { sendServerId: false });
  let http: Server;
  let url: string;

  beforeAll(async () => {
    http = createServer((_req, res) => res.writeHead(404).end());
    http.on('upgrade', (req, socket, head) => {
      if (!ddp.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/websocket`;
  });

  afterAll(async () => {
    await ddp.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  it.each([
    ['answers synchronously', 'bigSync'],
    ['returns a promise', 'bigAsync'],
  ])('a method that %s with an unserialisable result closes the connection with 1011, and the message behind it gets no answer', async (_how, method) => {
    const c = await RawDdp.connect(url);
    try {
      // Sent back to back: the echo is read while the failing call is running or queued.
      c.send({ msg: 'method', id: '1', method, params: [] });
      c.send({ msg: 'method', id: '2', method: 'echo', params: ['behind'] });
      expect(await within(c.closed, 2000)).toEqual({ code: 1011, reason: 'Internal error' });
      expect(c.frames).toEqual([{ msg: 'connected', session: expect.any(String) }]);
    } finally {
      c.close();
    }
  });

  it('the server keeps serving other connections', async () => {
    const c = await RawDdp.connect(url);
    try {
      expect(await c.apply('echo', 'still here')).toBe('still here');
    } finally {
      c.close();
    }
  });
});
