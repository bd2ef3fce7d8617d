import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp, type Frame } from '../support/ddp-client.js';
import { startMockchat } from '../support/start-mockchat.js';
import { ddpFrames, type DdpFrame } from './support/ddp-arbitraries.js';
import { CONCURRENCY, describeCase, FUZZ_RUNS, FUZZ_SEED, fuzzTimeout, runPool } from './support/fuzz-run.js';
import { storeViolations } from './support/invariants.js';

/** Close codes the server documents (docs/ddp.md): invalid UTF-8, frame too large. */
const DOCUMENTED_CLOSES = new Set([1007, 1009]);
const SERVER_MSGS = new Set(['connected', 'failed', 'error', 'result', 'updated', 'nosub', 'ready', 'added', 'changed', 'removed', 'ping', 'pong']);

/** The problem with a server frame, or undefined when it is a DDP message of the spec. */
function frameProblem(f: Frame): string | undefined {
  if (typeof f !== 'object' || f === null || !SERVER_MSGS.has(f.msg)) return `not a DDP message: ${JSON.stringify(f).slice(0, 300)}`;
  if (f.msg === 'error' && typeof f.reason !== 'string') return `error frame without reason: ${JSON.stringify(f).slice(0, 300)}`;
  if (f.msg === 'result') {
    if (typeof f.id !== 'string') return 'result without id';
    if (f.error !== undefined && (typeof f.error !== 'object' || !('error' in f.error) || typeof f.error.message !== 'string')) return `result error not a Meteor error: ${JSON.stringify(f.error)}`;
  }
  return undefined;
}

/**
 * One fuzzing lane: a connected raw socket; each generated frame is followed by a marker call
 * (a method that does not exist, answered through the same queue), so every frame the server
 * sends in between answers the fuzzed one. A documented close opens a fresh connection.
 */
class Lane {
  ddp!: RawDdp;
  seq = 0;
  closes = new Map<number, number>();

  constructor(
    private readonly url: string,
    private readonly httpUrl: string,
  ) {}

  /**
   * DDP sanitises every non-Meteor error to `Internal server error [500]`: faithful for a
   * PasswordPolicyError, a defect for a TypeError. The method.call bridge does not sanitise,
   * so replay the call there: a registered error has an `error` id; a crash leaves `{}`.
   */
  async #checkInternal(frame: DdpFrame): Promise<void> {
    const sent = JSON.parse((frame as { data: string }).data) as { method: string; params: unknown[] };
    const res = await fetch(`${this.httpUrl}/api/v1/method.callAnon/${encodeURIComponent(sent.method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: JSON.stringify({ msg: 'method', id: 'replay', method: sent.method, params: sent.params }) }),
    });
    const reply = JSON.parse(((await res.json()) as { message: string }).message) as { error?: Record<string, unknown> };
    if (reply.error && reply.error.error === undefined) throw new Error(`internal error that is not a registered one: ${JSON.stringify(reply)}`);
  }

  async open(): Promise<void> {
    this.ddp = await RawDdp.connect(this.url);
  }

  async fire(frame: DdpFrame): Promise<void> {
    const socket = this.ddp.socket;
    if (frame.kind === 'text') socket.send(frame.data);
    else socket.send(Buffer.from(frame.data), { binary: frame.kind === 'binary' });
    const marker = `marker-${++this.seq}`;
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ msg: 'method', id: marker, method: '__fuzz_marker__' }));
    const closed = this.ddp.closed.then((c) => ({ closed: c }));
    for (;;) {
      const next = await Promise.race([this.ddp.next(5000).then((f) => ({ frame: f })), closed]);
      if ('closed' in next) {
        // The check itself: fast-check then reports the frame that caused the close.
        if (!DOCUMENTED_CLOSES.has(next.closed.code)) throw new Error(`closed with ${next.closed.code} ${next.closed.reason}`);
        this.closes.set(next.closed.code, (this.closes.get(next.closed.code) ?? 0) + 1);
        return this.open();
      }
      const problem = frameProblem(next.frame);
      if (problem) throw new Error(problem);
      if (next.frame.msg === 'result' && next.frame.error?.error === 500) await this.#checkInternal(frame);
      if (next.frame.msg === 'result' && next.frame.id === marker) {
        expect(next.frame.error).toMatchObject({ error: 404, reason: "Method '__fuzz_marker__' not found" });
        return;
      }
    }
  }
}

describe(`DDP fuzzing: ${FUZZ_RUNS} frames (seed ${FUZZ_SEED})`, () => {
  let mock: Mockchat;
  beforeAll(async () => {
    // The flood guard (1008) has its own test; here it would only cut lanes short.
    mock = await startMockchat({ ddpMaxMessagesPerSecond: 1_000_000, logLevel: 'error' });
  });
  afterAll(() => mock?.close());

  it('answers every frame per the DDP spec or closes with a documented code; a fresh connection still works; the store holds', async () => {
    const frames = fc.sample(ddpFrames, { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
    const lanes = Array.from({ length: CONCURRENCY }, () => new Lane(mock.wsUrl, mock.url));
    await Promise.all(lanes.map((l) => l.open()));
    const queues = lanes.map((_, i) => frames.filter((__, j) => j % CONCURRENCY === i));
    await runPool(queues, CONCURRENCY, async (mine, i) => {
      for (const frame of mine) {
        try {
          await lanes[i].fire(frame);
        } catch (error) {
          throw new Error(`${(error as Error).message}\nframe: ${describeCase(frame)}`);
        }
      }
    });
    for (const lane of lanes) lane.ddp.close();

    const closes = new Map<number, number>();
    for (const lane of lanes) for (const [code, n] of lane.closes) closes.set(code, (closes.get(code) ?? 0) + n);
    // Invalid UTF-8 is 1 frame in 22: a run of this size always reaches the 1007 close.
    if (FUZZ_RUNS >= 500) expect(closes.get(1007)).toBeGreaterThan(0);

    const fresh = await RawDdp.connect(mock.wsUrl);
    const { result } = await fresh.call('login', { user: { username: 'admin' }, password: 'admin' });
    expect(result.result).toMatchObject({ id: mock.admin.userId, token: expect.any(String) });
    fresh.close();
    expect(storeViolations(mock)).toEqual([]);
    expect(mock.users.count()).toBeGreaterThan(2);
  }, fuzzTimeout(FUZZ_RUNS));
});
