/**
 * A server-to-client WebSocket text frame (RFC 6455 §5.2), encoded in one buffer: FIN set, no
 * extension bits, opcode 1, unmasked, the payload's UTF-8 length in 7, 16 or 64 bits.
 *
 * These are the bytes `ws` writes for `socket.send(text)` with compression off (as mockchat's
 * server runs it), but in one allocation and one socket write instead of a header and a
 * payload buffer pushed through `ws`'s sender: a DDP method answers with two frames, and that
 * path was a measurable share of a call's CPU (docs/performance.md, "Fifth pass").
 */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const head = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81;
  if (head === 2) frame[1] = length;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(text, head, 'utf8');
  return frame;
}
