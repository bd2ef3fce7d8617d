import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { textFrames, TurnFlush } from './ws-frame.js';

// ws's own frame encoder and parser: exported by the package, not declared by @types/ws.
type FrameOptions = { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean };
const { Receiver, Sender } = createRequire(import.meta.url)('ws') as {
  Receiver: new (options: { isServer: boolean }) => Writable;
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
};

// The lengths where the header changes size (7-bit, 16-bit, 64-bit), and multi-byte UTF-8.
const texts = ['', 'a', 'x'.repeat(125), 'x'.repeat(126), 'é'.repeat(63), 'é'.repeat(64), 'x'.repeat(0xffff), 'x'.repeat(0x10000), '{"msg":"result","id":"1","result":"日本語 🎉"}'];

/** What ws itself writes for `socket.send(text)` on a server socket without compression. */
function wsFrame(text: string): Buffer {
  return Buffer.concat(Sender.frame(Buffer.from(text), { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: false }));
}

describe('textFrames', () => {
  it.each(texts.map((t) => [t.length, t]))('is byte for byte what ws sends (%i characters)', (_length, text) => {
    expect(textFrames(text).equals(wsFrame(text))).toBe(true);
  });

  it.each(texts.map((t, i) => [t.length, t, texts[(i + 3) % texts.length]!]))('two frames in one buffer are the two frames ws sends (%i characters first)', (_length, a, b) => {
    expect(textFrames(a, b).equals(Buffer.concat([wsFrame(a), wsFrame(b)]))).toBe(true);
  });

  it('is read back by a real WebSocket client parser, frames back to back and in pairs', async () => {
    const receiver = new Receiver({ isServer: false });
    const got: string[] = [];
    receiver.on('message', (data: Buffer, isBinary: boolean) => got.push(`${isBinary}:${data.toString('utf8')}`));
    const errors: Error[] = [];
    receiver.on('error', (e: Error) => errors.push(e));
    const pairs = texts.map((t, i) => (i % 2 === 0 ? textFrames(t, texts[i + 1]) : undefined)).filter((b) => b !== undefined);
    const done = new Promise<void>((resolve) => receiver.write(Buffer.concat(pairs), () => resolve()));
    await done;
    expect(errors).toEqual([]);
    expect(got).toEqual(texts.map((t) => `false:${t}`));
  });
});

describe('TurnFlush', () => {
  // A failed assertion must not leave setImmediate spied on for the next test.
  afterEach(() => vi.restoreAllMocks());

  it('uncorks every socket corked in a turn from one setImmediate, in order', async () => {
    const flush = new TurnFlush();
    const spy = vi.spyOn(globalThis, 'setImmediate');
    const order: number[] = [];
    for (let i = 0; i < 5; i++) flush.atTurnEnd(() => order.push(i));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(order).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('a socket corked during the flush (or later) waits for the next turn', async () => {
    const flush = new TurnFlush();
    const order: string[] = [];
    flush.atTurnEnd(() => {
      order.push('a');
      flush.atTurnEnd(() => order.push('b'));
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
  });
});
