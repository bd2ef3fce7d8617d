import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../journal.js';
import { SseReader } from '../../test/support/sse-reader.js';
import { JournalStream } from './journal-stream.js';

const entry = (path: string) => ({ transport: 'http' as const, operation: path, method: 'GET', path, status: 200, durationMs: 1 });

describe('JournalStream', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  /** Serve `stream`; a request's `Last-Event-ID` resumes, else the last `backlog` entries come first. */
  async function serve(stream: JournalStream, backlog = 0): Promise<string> {
    server = createServer((req, res) => stream.open(req, res, { backlog, lastEventId: req.headers['last-event-id'] as string | undefined }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it('counts its streams, drops one when the client leaves, and ends all on close(); later opens answer 503', async () => {
    const journal = new Journal();
    const stream = new JournalStream(journal);
    const url = await serve(stream);
    const a = await SseReader.open(url);
    const b = await SseReader.open(url);
    expect(stream.size).toBe(2);
    journal.record(entry('/one'));
    expect((await a.nextJson()).path).toBe('/one');
    expect((await b.nextJson()).path).toBe('/one');

    await a.close();
    await expect.poll(() => stream.size).toBe(1);
    stream.close();
    await b.ended;
    expect(stream.size).toBe(0);
    journal.record(entry('/after-close')); // no listener left to write to an ended response
    expect((await fetch(url)).status).toBe(503);
    stream.close(); // twice is fine
  });

  it('sends a heartbeat comment while idle (not an event)', async () => {
    const journal = new Journal();
    const stream = new JournalStream(journal, 50);
    const url = await serve(stream);
    const res = await fetch(url);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(': ping')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before a heartbeat: ${text}`);
      text += new TextDecoder().decode(value);
    }
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    await reader.cancel();
    stream.close();
  });

  it("resumes after an id of its own run when the run id holds '-' and '_'; another run's id gets the backlog", async () => {
    const journal = new Journal();
    const stream = new JournalStream(journal, 15_000, 'a-b_c-de');
    const url = await serve(stream, 1);
    for (const path of ['/one', '/two', '/three']) journal.record(entry(path));
    const first = await SseReader.open(url);
    expect((await first.next()).id).toBe('a-b_c-de-3');
    await first.close();

    const resumed = await SseReader.open(url, { 'last-event-id': 'a-b_c-de-1' });
    expect([(await resumed.next()).id, (await resumed.next()).id]).toEqual(['a-b_c-de-2', 'a-b_c-de-3']);
    await resumed.close();
    // Runs whose ids share a prefix with this one, or a malformed seq: the backlog (the last entry), not "after 1".
    for (const other of ['a-b_c-1', 'a-b_c-de-x-1', 'a-b_c-de-', 'a-b_c-de-1x']) {
      const restarted = await SseReader.open(url, { 'last-event-id': other });
      expect((await restarted.nextJson()).path, other).toBe('/three');
      await restarted.close();
    }
    stream.close();
  });
});
