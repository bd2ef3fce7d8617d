import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { client, startMockchat } from '../support/start-mockchat.js';

const WORKERS = 4;
const EXTRA = 10;

/**
 * One test worker as a separate Node process: it waits for a common start time (so the workers
 * really overlap), then, in its own sandbox, registers `same.name` and EXTRA more users, logs in,
 * calls /me, and prints what it saw as JSON.
 */
const WORKER = `
const [url, sandbox, startAt] = process.argv.slice(2);
const headers = { 'content-type': 'application/json', 'x-mockchat-sandbox': sandbox };
const post = async (path, body, extra = {}) => {
  const res = await fetch(url + path, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const get = async (path, extra = {}) => {
  const res = await fetch(url + path, { headers: { ...headers, ...extra } });
  return { status: res.status, body: await res.json() };
};
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const started = Date.now();
const register = await post('/api/v1/users.register', { username: 'same.name', email: 'same.name@example.com', pass: 'pw-' + sandbox, name: 'Same ' + sandbox });
const extras = await Promise.all(Array.from({ length: ${EXTRA} }, (_, i) =>
  post('/api/v1/users.register', { username: 'u' + i, email: 'u' + i + '@example.com', pass: 'pw', name: 'U' + i })));
const login = await post('/api/v1/login', { user: 'same.name', password: 'pw-' + sandbox });
const auth = { 'x-user-id': login.body.data?.userId, 'x-auth-token': login.body.data?.authToken };
const me = await get('/api/v1/me', auth);
const health = await get('/__mockchat/health');
console.log(JSON.stringify({ sandbox, started, finished: Date.now(), register: register.status, extras: extras.map((e) => e.status), login: login.status, me: { status: me.status, name: me.body.name, username: me.body.username }, users: health.body.users }));
`;

interface WorkerResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parallel workers share one server through sandboxes', () => {
  let mock: Mockchat;
  let dir: string;

  beforeAll(async () => {
    mock = await startMockchat();
    dir = mkdtempSync(join(tmpdir(), 'mockchat-workers-'));
    writeFileSync(join(dir, 'worker.mjs'), WORKER);
  });
  afterAll(async () => {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${WORKERS} processes register and log in the same username, each in its own sandbox`, async () => {
    const startAt = String(Date.now() + 2000);
    const names = Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`);
    const results = await Promise.all(names.map((name) => run(join(dir, 'worker.mjs'), [mock.url, name, startAt])));

    const reports = results.map((r, i) => {
      expect(r.stderr, names[i]).toBe('');
      expect(r.code, names[i]).toBe(0);
      return JSON.parse(r.stdout.trim());
    });
    for (const [i, report] of reports.entries()) {
      expect(report).toMatchObject({
        sandbox: names[i],
        register: 200,
        login: 200,
        me: { status: 200, username: 'same.name', name: `Same ${names[i]}` },
        users: 5 + 1 + EXTRA,
      });
      expect(report.extras).toEqual(Array(EXTRA).fill(200));
    }
    // the workers ran at the same time: every one started before any finished
    const lastStart = Math.max(...reports.map((r) => r.started));
    const firstEnd = Math.min(...reports.map((r) => r.finished));
    expect(lastStart).toBeLessThanOrEqual(firstEnd);

    // the main workspace saw none of it
    expect(mock.users.findByUsername('same.name')).toBeUndefined();
    const api = client(mock);
    expect((await api.post('/api/v1/login', { user: 'same.name', password: 'pw-worker-1' })).status).toBe(401);
    expect((await api.get('/__mockchat/health')).body.users).toBe(5);

    // each sandbox holds its own same.name, with its own password
    expect(mock.sandboxes().sort()).toEqual(names);
    for (const name of names) {
      expect(mock.sandbox(name).workspace.findByUsername('same.name')?.name).toBe(`Same ${name}`);
      expect(mock.journal.count({ sandbox: name, operation: 'registerUser' })).toBe(1 + EXTRA);
      const other = names.find((n) => n !== name)!;
      const cross = await api.post('/api/v1/login', { user: 'same.name', password: `pw-${other}` }, { 'x-mockchat-sandbox': name });
      expect(cross.status).toBe(401);
    }
  });
});
