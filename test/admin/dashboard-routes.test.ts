import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { SseReader } from '../support/sse-reader.js';
import { startMockchat, useMockchat } from '../support/start-mockchat.js';

const register = (mock: Mockchat, username: string, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}/api/v1/users.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, email: `${username}@example.com`, pass: 's3cret!', name: username }),
  });

describe('dashboard files', () => {
  const t = useMockchat();

  it('serves the page at /__mockchat/ (and without the slash) with a strict CSP and an ETag', async () => {
    for (const path of ['/__mockchat/', '/__mockchat']) {
      const res = await fetch(`${t.mock.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<script type="module" src="/__mockchat/ui/main.js">');
    }
  });

  it('serves every file of dashboard/ under /__mockchat/ui/ with its type, and 304 on a matching ETag', async () => {
    const files = readdirSync('dashboard').filter((f) => f !== 'index.html');
    expect(files).toEqual(expect.arrayContaining(['main.js', 'dashboard.css']));
    for (const file of files) {
      const res = await fetch(`${t.mock.url}/__mockchat/ui/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(file.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{20}"$/);
      const again = await fetch(`${t.mock.url}/__mockchat/ui/${file}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
  });

  it('answers 404 MOCKCHAT_ERR_NOT_FOUND for anything else under /__mockchat/ui/', async () => {
    for (const name of ['nope.js', 'index.html', '..%2Fpackage.json', '%2E%2E%2Fpackage.json']) {
      const res = await fetch(`${t.mock.url}/__mockchat/ui/${name}`);
      expect(res.status, name).toBe(404);
      expect((await res.json()).error.code).toBe('MOCKCHAT_ERR_NOT_FOUND');
    }
    expect((await fetch(`${t.mock.url}/__mockchat/ui/sub/main.js`)).status).toBe(404);
  });
});

describe('GET /__mockchat/events', () => {
  const t = useMockchat();
  const streams: SseReader[] = [];
  const open = async (query = '', headers: Record<string, string> = {}) => {
    const s = await SseReader.open(`${t.mock.url}/__mockchat/events${query}`, headers);
    streams.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((s) => s.close()));
    t.mock.journal.clear();
  });

  it('streams each new journal entry, redacted, as a "request" event whose id is RUN-SEQ', async () => {
    const s = await open();
    expect(s.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await register(t.mock, 'live1');
    const event = await s.next();
    expect(event.event).toBe('request');
    const entry = JSON.parse(event.data!);
    expect(event.id).toMatch(new RegExp(`^[\\w-]+-${entry.seq}$`));
    expect(entry).toMatchObject({ transport: 'http', operation: 'registerUser', status: 200, args: { username: 'live1', pass: '[redacted]' } });
    const ddp = await t.ddp();
    await ddp.call('login', { user: { username: 'live1' }, password: 's3cret!' });
    expect(await s.nextJson()).toMatchObject({ transport: 'ddp', operation: 'login', args: { password: '[redacted]' } });
  });

  it('sends the last ?backlog= entries first, or those after Last-Event-ID when reconnecting', async () => {
    for (const name of ['b1', 'b2', 'b3']) await register(t.mock, name);
    const seqs = t.mock.journal.find().map((e) => e.seq);
    const s = await open('?backlog=2');
    expect((await s.nextJson()).args.username).toBe('b2');
    expect((await s.nextJson()).args.username).toBe('b3');
    const first = await open('?backlog=3');
    const firstId = (await first.next()).id!;
    const resumed = await open('?backlog=2', { 'last-event-id': firstId });
    expect([(await resumed.nextJson()).seq, (await resumed.nextJson()).seq]).toEqual(seqs.slice(1));
    // An id from an earlier run of the server (its seq started again at 1) or a bare seq: the backlog, not "after".
    const run = firstId.slice(0, firstId.lastIndexOf('-'));
    for (const stale of [`x${run}-${seqs[0]}`, String(seqs[0])]) {
      const restarted = await open('?backlog=1', { 'last-event-id': stale });
      expect((await restarted.nextJson()).args.username, stale).toBe('b3');
    }
    const none = await open();
    await register(t.mock, 'b4');
    expect((await none.nextJson()).args.username).toBe('b4');
  });

  it('narrows to one sandbox with ?sandbox= or the X-Mockchat-Sandbox header', async () => {
    const byQuery = await open('?sandbox=w1');
    const byHeader = await open('', { 'x-mockchat-sandbox': 'w1' });
    await register(t.mock, 'main1');
    await register(t.mock, 'side1', { 'x-mockchat-sandbox': 'w1' });
    expect(await byQuery.nextJson()).toMatchObject({ sandbox: 'w1', args: { username: 'side1' } });
    expect(await byHeader.nextJson()).toMatchObject({ sandbox: 'w1', args: { username: 'side1' } });
  });

  it('refuses a bad backlog with 400 MOCKCHAT_ERR_QUERY', async () => {
    for (const q of ['?backlog=x', '?backlog=-1', '?backlog=1001']) {
      const res = await fetch(`${t.mock.url}/__mockchat/events${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe('MOCKCHAT_ERR_QUERY');
    }
  });
});

describe('event streams and close()', () => {
  it('close() ends open streams at once and unsubscribes them', async () => {
    const mock = await startMockchat();
    const streams = await Promise.all([1, 2, 3].map(() => SseReader.open(`${mock.url}/__mockchat/events`)));
    await register(mock, 'x1');
    for (const s of streams) expect((await s.nextJson()).args.username).toBe('x1');
    const started = performance.now();
    await mock.close();
    await Promise.all(streams.map((s) => s.ended));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('dashboard with an admin token', () => {
  const t = useMockchat({ adminToken: 's3cret-token' });

  it('the page and the event stream take the token as ?token= (a browser cannot send the header there)', async () => {
    expect((await fetch(`${t.mock.url}/__mockchat/`)).status).toBe(401);
    expect((await fetch(`${t.mock.url}/__mockchat/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${t.mock.url}/__mockchat/?token=s3cret-tokeN`)).status).toBe(401);
    expect((await fetch(`${t.mock.url}/__mockchat/?token=s3cret-token`)).status).toBe(200);
    expect((await fetch(`${t.mock.url}/__mockchat/`, { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);

    const refused = await fetch(`${t.mock.url}/__mockchat/events`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('MOCKCHAT_ERR_ADMIN_TOKEN');
    const s = await SseReader.open(`${t.mock.url}/__mockchat/events?token=s3cret-token`);
    expect(s.response.status).toBe(200);
    await register(t.mock, 'tok1');
    expect((await s.nextJson()).args.username).toBe('tok1');
    await s.close();
  });

  it('other admin routes still need the header: ?token= is not accepted there', async () => {
    expect((await fetch(`${t.mock.url}/__mockchat/health?token=s3cret-token`)).status).toBe(401);
    expect((await fetch(`${t.mock.url}/__mockchat/reset?token=s3cret-token`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${t.mock.url}/__mockchat/?token=s3cret-token`, { method: 'POST' })).status).toBe(401);
  });

  it('the static files are public: the same bytes as in the package, no state', async () => {
    const main = await fetch(`${t.mock.url}/__mockchat/ui/main.js`);
    expect(main.status).toBe(200);
    expect(await main.text()).toBe(readFileSync(new URL('../../dashboard/main.js', import.meta.url), 'utf8'));
    expect((await fetch(`${t.mock.url}/__mockchat/ui/nope.js`)).status).toBe(404);
  });
});
