import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prismCannotCarry, specFor, startContractFront, type ContractFront } from './contract-front.js';
import { editRawHeaders } from './upstream-relay.js';

describe('contract front', () => {
  let upstream: Server;
  let front: ContractFront;
  beforeAll(async () => {
    // A stand-in mockchat whose event stream never ends.
    upstream = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${req.url}\n\n`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const dead = 'http://127.0.0.1:9'; // no Prism is needed: streams never go through it
    front = await startContractFront((upstream.address() as AddressInfo).port, { rocketchat: dead, selfcommunity: dead, admin: dead });
  });
  afterAll(async () => {
    await front.close();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('pipes a never-ending event stream straight through, chunk by chunk', async () => {
    const controller = new AbortController();
    const res = await fetch(`${front.url}/__mockchat/events?token=t`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('data: /__mockchat/events?token=t\n\n');
    controller.abort();
  });

  it('picks the spec by path', () => {
    expect(['/api/v1/users.register', '/api/info', '/oauth/token/', '/api/v2/user/me/', '/__mockchat/health', '/websocket'].map(specFor)).toEqual([
      'rocketchat',
      'rocketchat',
      'selfcommunity',
      'selfcommunity',
      'admin',
      undefined,
    ]);
  });

  it('sends only unparseable JSON bodies around Prism', () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    expect(prismCannotCarry(json, Buffer.from('{bad'))).toBe(true);
    expect(prismCannotCarry(json, Buffer.from('{"a":1}'))).toBe(false);
    expect(prismCannotCarry(json, Buffer.alloc(0))).toBe(false);
    expect(prismCannotCarry({ 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('{bad'))).toBe(false);
  });

  it('keeps mockchat’s own sl-violations apart from Prism’s: renamed on the way in, restored on the way out', () => {
    const fromMockchat = ['Content-Type', 'application/json', 'SL-Violations', '[{"m":1}]'];
    const relayed = editRawHeaders(fromMockchat, { 'sl-violations': 'x-up' }, ['x-relayed', '1']);
    expect(relayed).toEqual(['Content-Type', 'application/json', 'x-up', '[{"m":1}]', 'x-relayed', '1']);
    expect(editRawHeaders(relayed, { 'x-relayed': undefined, 'x-up': 'sl-violations' })).toEqual(['Content-Type', 'application/json', 'sl-violations', '[{"m":1}]']);
  });
});
