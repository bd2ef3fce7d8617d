import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockchat, useMockchat } from '../support/start-mockchat.js';

const FORGOT = '/api/v1/users.forgotPassword';
const json = { 'content-type': 'application/json' };

// The first fallback request loads Prism (~2,000 CommonJS modules): allow it time on a busy machine.
const SLOW = { timeout: 30_000 };

describe('operations of specs/ that mockchat does not emulate are served from the spec', SLOW, () => {
  const t = useMockchat();

  it('answers the spec example, marked as coming from the spec', async () => {
    const r = await t.api.post(FORGOT, { email: 'jane@example.com' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true });
    expect(r.headers.get('x-mockchat-source')).toBe('spec rocketchat.rest.yaml');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('Prefer: code=400 gives the first 400 example', async () => {
    const r = await t.api.post(FORGOT, { email: 'jane@example.com' }, { prefer: 'code=400' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ success: false, error: "The 'email' param is required" });
  });

  it('Prefer: example=NAME picks a named example', async () => {
    const r = await t.api.post(FORGOT, { email: 'jane@example.com' }, { prefer: 'code=400, example=password-reset-disabled' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ success: false, error: 'Password reset is not enabled' });
  });

  it('validates the request: an invalid body gets the operation’s 400 example and an sl-violations header', async () => {
    const r = await t.api.post(FORGOT, { email: 42 });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ success: false, error: "The 'email' param is required" });
    expect(r.headers.get('sl-violations')).toContain('email must be string');
    // No email, or an empty one: Rocket.Chat's `if (!email)` answers the same 400.
    for (const body of [{}, { email: '' }]) expect(await t.api.post(FORGOT, body), JSON.stringify(body)).toMatchObject({ status: 400, body: { success: false, error: "The 'email' param is required" } });
  });

  it('checks the security scheme: no credentials headers → the 401 example; any credentials → the 200 example', async () => {
    const CONFIRM = '/api/v1/users.sendConfirmationEmail';
    const anonymous = await t.api.post(CONFIRM, { email: 'jane@example.com' });
    expect(anonymous).toMatchObject({ status: 401, body: { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' } });
    const auth = { 'x-user-id': 'someone', 'x-auth-token': 'anything' };
    expect(await t.api.post(CONFIRM, { email: 'jane@example.com' }, auth)).toMatchObject({ status: 200, body: { success: true } });
    expect(await t.api.post(CONFIRM, {}, auth)).toMatchObject({ status: 400, body: { success: false, error: "must have required property 'email' [invalid-params]", errorType: 'invalid-params' } });
  });

  it('a status the operation does not define is Prism’s problem document', async () => {
    const r = await t.api.post(FORGOT, { email: 'jane@example.com' }, { prefer: 'code=418' });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, detail: 'Requested status code 418 is not defined in the document.' });
  });

  it('applies the body limits before Prism: too deep → 400, too large → 413, in Rocket.Chat’s format', async () => {
    const deep = `{"email":${'['.repeat(200)}${']'.repeat(200)}}`;
    const tooDeep = await fetch(`${t.mock.url}${FORGOT}`, { method: 'POST', headers: json, body: deep });
    expect(tooDeep.status).toBe(400);
    expect(await tooDeep.json()).toEqual({ success: false, error: expect.stringMatching(/deeper than 64 levels/), errorType: 'MOCKCHAT_ERR_JSON_DEPTH' });
    // A small over-limit body against a small limit: a multi-MiB upload answered 413 (Connection: close)
    // before it is read can reset the connection instead.
    const small = await startMockchat({ bodyLimit: 1024 });
    try {
      const large = await fetch(`${small.url}${FORGOT}`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'x'.repeat(2048) }) });
      expect(large.status).toBe(413);
      expect(await large.json()).toEqual({ success: false, error: expect.stringMatching(/exceeds the limit/) });
    } finally {
      await small.close();
    }
  });

  it('journals fallback calls like any HTTP request', async () => {
    await t.api.post(FORGOT, { email: 'journal@example.com' });
    const entry = t.mock.journal.find({ path: FORGOT }).at(-1);
    expect(entry).toMatchObject({ transport: 'http', method: 'POST', status: 200, args: { email: 'journal@example.com' }, response: { success: true } });
  });

  it('keeps each product’s exact 404 when no spec operation matches either', async () => {
    expect(await t.api.get('/api/v1/users.nope')).toMatchObject({ status: 404, body: { success: false, error: 'Resource not found' } });
    // A method the spec does not declare on a path it does declare is not a fallback either.
    expect(await t.api.get(FORGOT)).toMatchObject({ status: 404, body: { success: false, error: 'Resource not found' } });
    const sc = await t.api.get('/api/v2/nothing/here/');
    expect(sc.status).toBe(404);
    expect(sc.headers.get('x-mockchat-source')).toBeNull();
  });
});

describe('a spec dropped into specsDir adds routes; emulated routes stay stateful', SLOW, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-specs-'));
  cpSync('specs', dir, { recursive: true });
  writeFileSync(
    join(dir, 'extra.rest.json'),
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'extra', version: '1' },
      paths: {
        '/api/v1/extra.things/{id}': {
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'count', in: 'query', required: true, schema: { type: 'integer' } },
            ],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: { things: ['a'], success: true } } } } },
          },
        },
        // Outside every product's prefix.
        '/v3/widgets': {
          get: { responses: { '200': { description: 'ok', content: { 'application/json': { example: { widgets: [] } } } } } },
        },
        // Under SelfCommunity's prefix: a path its emulation does not serve.
        '/api/v2/category/': {
          get: { responses: { '200': { description: 'ok', content: { 'application/json': { example: [{ id: 1, name: 'General' }] } } } } },
        },
        // Also declared by the emulation: the emulated route must win.
        '/api/v1/users.register': {
          post: { responses: { '200': { description: 'canned', content: { 'application/json': { example: { canned: true } } } } } },
        },
      },
    }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const t = useMockchat({ specsDir: dir });

  it('serves the new operation', async () => {
    const r = await t.api.get('/api/v1/extra.things/42?count=3');
    expect(r).toMatchObject({ status: 200, body: { things: ['a'], success: true } });
    expect(r.headers.get('x-mockchat-source')).toBe('spec extra.rest.json');
  });

  it('serves a new operation under another product’s prefix too; that product keeps its own answers', async () => {
    expect(await t.api.get('/api/v2/category/')).toMatchObject({ status: 200, body: [{ id: 1, name: 'General' }] });
    const emulated = await t.api.get('/api/v2/account/create/');
    expect(emulated.status).toBe(405);
    expect(emulated.headers.get('x-mockchat-source')).toBeNull();
  });

  it('serves paths outside every product’s prefix, CORS preflight included', async () => {
    expect(await t.api.get('/v3/widgets')).toMatchObject({ status: 200, body: { widgets: [] } });
    const preflight = await fetch(`${t.mock.url}/v3/widgets`, { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeTruthy();
    expect((await t.api.get('/v3/nothing')).status).toBe(404);
  });

  it('an invalid request to an operation without 4xx responses gets Prism’s 422', async () => {
    const r = await t.api.get('/api/v1/extra.things/42');
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 422, title: 'Invalid request' });
  });

  it('the packaged spec’s operations are still served', async () => {
    expect((await t.api.post(FORGOT, { email: 'a@example.com' })).body).toEqual({ success: true });
  });

  it('an emulated route still wins and keeps state', async () => {
    const form = { username: 'spec.user', email: 'spec.user@example.com', pass: 'Secret-123', name: 'Spec User' };
    const first = await t.api.post('/api/v1/users.register', form);
    expect(first).toMatchObject({ status: 200, body: { user: { username: 'spec.user' }, success: true } });
    expect(first.headers.get('x-mockchat-source')).toBeNull();
    const again = await t.api.call('POST', '/api/v1/users.register', { ...form, email: 'other@example.com' }, json);
    expect(again).toMatchObject({ status: 400, body: { success: false, error: 'Username is already in use' } });
  });
});

// Runs the built package (`npm run build` first) in a fresh process, so no other test has loaded Prism.
const LAZY = `
import { createRequire } from 'node:module';
import { createMockchat } from './dist/index.js';
const cache = createRequire(import.meta.url).cache;
const prism = () => Object.keys(cache).some((k) => k.includes('@stoplight'));
const mock = await createMockchat({ port: 0, logLevel: 'silent' });
const started = prism();
await fetch(mock.url + '/api/v1/users.register', { method: 'POST' });
const emulated = prism();
await fetch(mock.url + '${FORGOT}', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
console.log(JSON.stringify({ started, emulated, fallback: prism() }));
await mock.close();
`;

describe('Prism is loaded lazily', SLOW, () => {
  it('start-up and emulated routes do not load it; the first fallback request does', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', LAZY], { cwd: join(import.meta.dirname, '../..') });
    expect(JSON.parse(stdout)).toEqual({ started: false, emulated: false, fallback: true });
  });
});
