import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry, Mockchat } from '../../src/index.js';
import { RawDdp, type Frame } from '../support/ddp-client.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const MARKER = 'Marker-Pa55-xyz';
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const methodCall = (method: string, params: unknown[]) => ({ message: JSON.stringify({ msg: 'method', id: '42', method, params }) });

/** Send several DDP method frames at once and collect their `result` frames by id. */
async function callAll(ddp: RawDdp, calls: Record<string, [string, unknown]>): Promise<Record<string, Frame>> {
  for (const [id, [method, param]] of Object.entries(calls)) ddp.send({ msg: 'method', id, method, params: [param] });
  const results: Record<string, Frame> = {};
  while (Object.keys(results).length < Object.keys(calls).length) {
    const f = await ddp.next();
    if (f.msg === 'result') results[f.id] = f;
  }
  return results;
}

describe('journal of REST requests and DDP calls', () => {
  let mock: Mockchat;
  let api: ReturnType<typeof client>;
  let ddp: RawDdp | undefined;

  beforeAll(async () => {
    mock = await startMockchat();
    api = client(mock);
  });
  afterEach(() => {
    ddp?.close();
    ddp = undefined;
    mock.reset();
    mock.journal.clear();
  });
  afterAll(() => mock.close());

  it('records registerUser over REST, DDP and method.callAnon; wasCalled matches by email over any transport', async () => {
    expect((await api.post('/api/v1/users.register', { username: 'rest.user', email: 'rest@example.com', pass: 'p4ss', name: 'Rest' })).status).toBe(200);
    ddp = await RawDdp.connect(mock.wsUrl);
    await ddp.apply('registerUser', { email: 'ddp@example.com', pass: 'p4ss', name: 'Ddp' });
    const bridged = await api.post('/api/v1/method.callAnon/registerUser', methodCall('registerUser', [{ email: 'bridge@example.com', pass: 'p4ss', name: 'Bridge' }]));
    expect(bridged.body.success).toBe(true);

    for (const email of ['rest@example.com', 'ddp@example.com', 'bridge@example.com', 'DDP@Example.com']) {
      expect(mock.journal.wasCalled('registerUser', { email })).toBe(true);
    }
    expect(mock.journal.wasCalled('registerUser', { email: 'other@example.com' })).toBe(false);
    expect(mock.journal.wasCalled('login', { email: 'rest@example.com' })).toBe(false);

    const entries = mock.journal.find({ operation: 'registerUser' });
    expect(entries.map((e) => [e.transport, e.method === 'ddp' ? 'ddp' : e.path])).toEqual([
      ['http', '/api/v1/users.register'],
      ['ddp', 'ddp'],
      ['http', '/api/v1/method.callAnon/registerUser'],
    ]);
    expect(mock.journal.count({ operation: 'registerUser', transport: 'http' })).toBe(2);
    expect(mock.journal.find({ transport: 'ddp', where: { email: 'ddp@example.com' } })).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 200, args: { username: 'rest.user', pass: '[redacted]' }, response: { success: true } });
  });

  it('matches each DDP call to its own result or error', async () => {
    ddp = await RawDdp.connect(mock.wsUrl);
    const results = await callAll(ddp, {
      ok: ['registerUser', { email: 'dana@example.com', pass: 'p4ss', name: 'Dana' }],
      dup: ['registerUser', { email: 'alice@example.com', pass: 'p4ss', name: 'Alice Again' }],
      bad: ['registerUser', { email: 'eve@example.com', pass: 'p4ss' }],
    });
    const byEmail = (email: string) => mock.journal.find({ transport: 'ddp', where: { email } })[0];

    const ok = byEmail('dana@example.com');
    expect(ok.response).toBe(results.ok.result);
    expect(ok.response).toBe(mock.users.findByEmail('dana@example.com')!._id);
    expect(ok.error).toBeUndefined();

    const dup = byEmail('alice@example.com');
    expect(results.dup.error).toBeDefined();
    expect(dup.response).toEqual(results.dup.error);
    expect(dup.error).toBe(results.dup.error.error);

    const bad = byEmail('eve@example.com');
    expect(bad.response).toEqual(results.bad.error);
    expect(bad.response).not.toEqual(dup.response);
    for (const e of [ok, dup, bad]) expect(e).toMatchObject({ method: 'ddp', path: expect.any(String), durationMs: expect.any(Number) });
  });

  it('redacts passwords, digests and tokens from every entry and from GET /__mockchat/requests', async () => {
    const digest = sha256(MARKER);
    expect((await api.post('/api/v1/users.register', { username: 'marker', email: 'marker@example.com', pass: MARKER, name: 'Marker' })).status).toBe(200);
    const tokens: string[] = [];
    for (const password of [MARKER, { digest, algorithm: 'sha-256' }]) {
      const res = await api.post('/api/v1/login', { user: 'marker', password });
      expect(res.status).toBe(200);
      tokens.push(res.body.data.authToken);
    }
    ddp = await RawDdp.connect(mock.wsUrl);
    for (const password of [MARKER, { digest, algorithm: 'sha-256' }]) tokens.push((await ddp.apply('login', { user: { username: 'marker' }, password })).token);
    expect((await ddp.apply('login', { resume: tokens[0] })).token).toBe(tokens[0]);
    const auth = { 'x-user-id': mock.users.findByUsername('marker')!._id, 'x-auth-token': tokens[1] };
    expect((await api.get('/api/v1/me', auth)).status).toBe(200);
    expect((await api.post('/api/v1/login', { resume: tokens[2] })).status).toBe(200);
    expect((await api.post('/api/v1/logout', {}, auth)).status).toBe(200);

    expect(new Set(tokens).size).toBe(tokens.length);
    expect(mock.journal.count({ operation: 'login' })).toBe(6);
    const stored = JSON.stringify(mock.journal.find());
    const served = await api.get('/__mockchat/requests?limit=1000');
    expect(served.body.count).toBe(mock.journal.count());
    for (const text of [stored, JSON.stringify(served.body)]) {
      expect(text).toContain('[redacted]');
      for (const secret of [MARKER, digest, ...tokens]) expect(text).not.toContain(secret);
    }
  });

  // The bridge answers `{message: "<EJSON string>"}`: the journal parses it so the token inside is redacted.
  it('redacts the token of a login through method.callAnon', async () => {
    const res = await api.post('/api/v1/method.callAnon/login', methodCall('login', [{ user: { username: 'alice' }, password: 'alice-password' }]));
    const token = JSON.parse(res.body.message).result.token as string;
    expect(JSON.stringify(mock.journal.find())).not.toContain(token);
  });

  it('filters GET /__mockchat/requests by path, method, status, transport, since and limit', async () => {
    await api.post('/api/v1/users.register', { username: 'one', email: 'one@example.com', pass: 'p', name: 'One' });
    await api.post('/api/v1/users.register', { username: 'alice', email: 'alice2@example.com', pass: 'p', name: 'A' });
    await api.get('/api/info');
    await new Promise((r) => setTimeout(r, 10));
    const since = Date.now();
    ddp = await RawDdp.connect(mock.wsUrl);
    await ddp.call('registerUser', { email: 'two@example.com', pass: 'p', name: 'Two' });
    await api.get('/api/info');

    const q = async (query: string) => (await api.get(`/__mockchat/requests?${query}`)).body as { count: number; requests: JournalEntry[] };
    expect((await q('path=/api/v1/users.register')).requests.map((e) => e.args)).toMatchObject([{ username: 'one' }, { username: 'alice' }]);
    expect((await q('method=registerUser')).requests.map((e) => e.transport)).toEqual(['http', 'http', 'ddp']);
    expect((await q('method=/api/info')).count).toBe(2);
    const failed = await q('status=400');
    expect(failed.count).toBe(1);
    expect(failed.requests[0]).toMatchObject({ status: 400, args: { email: 'alice2@example.com' } });
    expect((await q('transport=ddp')).requests.map((e) => e.operation)).toEqual(['registerUser']);
    expect((await q('transport=http&status=200')).count).toBe(3);
    expect((await q(`since=${since}`)).requests.map((e) => e.operation)).toEqual(['registerUser', '/api/info']);
    expect((await q(`since=${new Date(since).toISOString()}`)).count).toBe(2);
    const last = await q('limit=2');
    expect(last.requests.map((e) => e.seq)).toEqual(mock.journal.find().slice(-2).map((e) => e.seq));
    expect((await q('')).count).toBe(5);

    for (const bad of ['limit=abc', 'limit=-1', 'status=x', 'since=yesterday']) {
      const res = await api.get(`/__mockchat/requests?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'MOCKCHAT_ERR_QUERY', message: expect.stringContaining('[mockchat]') });
    }
  });

  it('DELETE /__mockchat/requests clears the journal', async () => {
    await api.get('/api/info');
    expect(mock.journal.count()).toBe(1);
    expect(await api.call('DELETE', '/__mockchat/requests')).toMatchObject({ status: 200, body: { count: 0 } });
    expect(mock.journal.count()).toBe(0);
    expect((await api.get('/__mockchat/requests')).body).toEqual({ count: 0, requests: [] });
  });
});

describe('journal bounds', () => {
  let mock: Mockchat;
  beforeAll(async () => {
    mock = await startMockchat({ journalSize: 5 });
  });
  afterAll(() => mock.close());

  it('keeps only the last journalSize entries', async () => {
    const api = client(mock);
    for (let i = 0; i < 8; i++) await api.get(`/api/v1/users.checkUsernameAvailability?username=u${i}`);
    expect(mock.journal.capacity).toBe(5);
    const kept = mock.journal.find();
    expect(kept.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(kept.map((e) => (e.args as { username: string }).username)).toEqual(['u3', 'u4', 'u5', 'u6', 'u7']);
    expect((await api.get('/__mockchat/requests')).body.count).toBe(5);
  });
});

describe('journal depth bound', () => {
  it('keeps 20 levels of a value and stores anything deeper as [truncated] (a hostile body cannot break GET /__mockchat/requests)', async () => {
    const { Journal } = await import('../../src/index.js');
    const journal = new Journal(10);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 25; i++) deep = { d: deep };
    journal.record({ transport: 'http', operation: 'x', args: deep, method: 'POST', path: '/x', status: 200, durationMs: 1 });
    let level: unknown = journal.find()[0].args;
    let depth = 0;
    while (level && typeof level === 'object') {
      level = (level as { d: unknown }).d;
      depth += 1;
    }
    expect(level).toBe('[truncated]');
    expect(depth).toBe(21);
  });
});
