import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { startMockchat } from '../support/start-mockchat.js';

const run = promisify(execFile);

/** The practical limit of a Node server here: parse a JSON body, answer JSON. */
function rawBaseline(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as object;
      const body = JSON.stringify({ ...parsed, success: true });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function load(url: string, kind: 'raw' | 'register') {
  const { stdout } = await run(process.execPath, ['bench/load-http.mjs', url, '1.5', '16', kind]);
  return JSON.parse(stdout) as { requests: number; rps: number; errors: number };
}

/**
 * A guard against accidental O(n) or slow paths, not the figure to report (`npm run bench`):
 * stateful, validated, hashed, journaled registration must keep ≥ 30% of the raw baseline.
 */
describe('register throughput smoke test', () => {
  let raw: Server;
  let mock: Mockchat;
  beforeAll(async () => {
    raw = await rawBaseline();
    mock = await startMockchat({ users: 20_000 });
  });
  afterAll(async () => {
    raw.close();
    await mock.close();
  });

  it('keeps at least 30% of the raw Node baseline', async () => {
    const port = (raw.address() as AddressInfo).port;
    // Interleaved, best of two each: a busy machine slows both sides alike.
    const runs: Array<Awaited<ReturnType<typeof load>>> = [];
    for (let i = 0; i < 2; i++) runs.push(await load(`http://127.0.0.1:${port}/`, 'raw'), await load(`${mock.url}/api/v1/users.register`, 'register'));
    const best = (xs: typeof runs) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const baseline = best(runs.filter((_, i) => i % 2 === 0));
    const register = best(runs.filter((_, i) => i % 2 === 1));
    const ratio = register.rps / baseline.rps;
    console.log(`raw ${baseline.rps.toFixed(0)} req/s, users.register ${register.rps.toFixed(0)} req/s, ratio ${(ratio * 100).toFixed(0)}%`);
    expect(register.errors).toBe(0);
    expect(baseline.errors).toBe(0);
    expect(ratio).toBeGreaterThanOrEqual(0.3);
  }, 30_000);
});
