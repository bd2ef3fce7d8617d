import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { killAll, run, waitForBanner, within } from '../support/run-cli.js';

/** A raw socket, its `close` as a promise, and what it received. */
async function openSocket(port: number): Promise<{ socket: Socket; closed: Promise<void>; received: () => string }> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (c) => (text += c.toString()));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, closed, received: () => text };
}

describe('SIGTERM and SIGINT close cleanly within a second', () => {
  afterEach(killAll);

  it.each(['SIGTERM', 'SIGINT'] as const)('%s with an open DDP connection, an idle keep-alive and an unfinished request: exit 0, every socket closed', async (signal) => {
    const r = run(['serve', '--port', '0', '--log-level', 'info']);
    const base = new URL(await waitForBanner(r));
    const port = Number(base.port);

    const ddp = await RawDdp.connect(`ws://127.0.0.1:${port}/websocket`);
    const idle = await openSocket(port);
    idle.socket.write('GET /api/info HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await within(
      (async () => {
        while (!idle.received().includes('"success":true')) await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
      2000,
    );
    const inFlight = await openSocket(port);
    inFlight.socket.write('POST /api/v1/users.register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"usern');

    const sent = performance.now();
    r.child.kill(signal);
    const { code } = await within(r.exit, 1000);
    const elapsed = performance.now() - sent;
    expect(code).toBe(0);
    expect(elapsed).toBeLessThan(1000);
    expect(r.stdout()).toContain(`${signal}: closing mockchat`);
    await within(Promise.all([ddp.closed, idle.closed, inFlight.closed]), 500);
    expect((await ddp.closed).code).toBe(1001);
    expect(r.stderr()).toBe('');
  });
});
