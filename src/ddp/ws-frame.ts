/**
 * Server-to-client WebSocket text frames (RFC 6455 §5.2), encoded in one buffer: FIN set, no
 * extension bits, opcode 1, unmasked, each payload's UTF-8 length in 7, 16 or 64 bits.
 *
 * These are the bytes `ws` writes for `socket.send(text)` with compression off (as mockchat's
 * server runs it), but in one allocation and one socket write instead of a header and a
 * payload buffer per frame pushed through `ws`'s sender: a DDP method answers with two frames,
 * and that path was a measurable share of a call's CPU (docs/performance.md, "Fifth pass").
 * `next`, when given, is a second frame in the same buffer (a method's `updated` and `result`).
 */
export function textFrames(text: string, next?: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const nextLength = next === undefined ? 0 : Buffer.byteLength(next, 'utf8');
  const first = headerSize(length) + length;
  const frames = Buffer.allocUnsafe(next === undefined ? first : first + headerSize(nextLength) + nextLength);
  writeFrame(frames, 0, text, length);
  if (next !== undefined) writeFrame(frames, first, next, nextLength);
  return frames;
}

const headerSize = (length: number): number => (length < 126 ? 2 : length < 0x10000 ? 4 : 10);

function writeFrame(target: Buffer, at: number, text: string, length: number): void {
  const head = headerSize(length);
  target[at] = 0x81;
  if (head === 2) target[at + 1] = length;
  else if (head === 4) {
    target[at + 1] = 126;
    target.writeUInt16BE(length, at + 2);
  } else {
    target[at + 1] = 127;
    target.writeUInt32BE(Math.floor(length / 0x1_0000_0000), at + 2);
    target.writeUInt32BE(length >>> 0, at + 6);
  }
  target.write(text, at + head, length, 'utf8');
}

/**
 * Uncorks, once the turn's I/O callbacks have run, every socket that was corked during one
 * event-loop turn: one `setImmediate` per turn for the whole server, not one per socket. Under
 * the bench's load a turn answers calls on dozens of connections, and an Immediate per
 * connection per turn was ~0.9 µs of server CPU per call (docs/performance.md).
 */
export class TurnFlush {
  #pending: Array<() => void> = [];

  readonly #flush = (): void => {
    const uncorks = this.#pending;
    this.#pending = [];
    for (const uncork of uncorks) uncork();
  };

  /** Call `uncork` at the end of this turn (once per corking: the caller corks the socket itself). */
  atTurnEnd(uncork: () => void): void {
    if (this.#pending.length === 0) setImmediate(this.#flush);
    this.#pending.push(uncork);
  }
}
