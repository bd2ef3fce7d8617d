import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { startMockchat } from '../support/start-mockchat.js';

function call(mock: Mockchat, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(`${mock.url}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('CORS for a sign-up form served from another origin', () => {
  let open: Mockchat;
  let strict: Mockchat;
  beforeAll(async () => {
    open = await startMockchat();
    strict = await startMockchat({ corsOrigins: ['http://localhost:5173'] });
  });
  afterAll(async () => {
    await Promise.all([open.close(), strict.close()]);
  });

  it('answers the preflight of users.register with the auth and scenario headers allowed', async () => {
    const r = await call(open, 'OPTIONS', '/api/v1/users.register', { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(String(r.headers['access-control-allow-headers'])).toContain('X-Auth-Token');
    expect(String(r.headers['access-control-allow-headers'])).toContain('X-Mockchat-Scenario');
  });

  it('marks API answers readable by any origin by default, and exposes the rate-limit headers', async () => {
    const r = await call(open, 'POST', '/api/v1/users.register', { origin: 'http://localhost:5173', 'content-type': 'application/json' }, JSON.stringify({ username: 'c1', email: 'c1@example.com', pass: 'p', name: 'C' }));
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(String(r.headers['access-control-expose-headers'])).toContain('X-RateLimit-Remaining');
  });

  it('gives the admin API no CORS headers by default', async () => {
    const r = await call(open, 'GET', '/__mockchat/health', { origin: 'http://evil.example' });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('honours a configured list of origins', async () => {
    const ok = await call(strict, 'GET', '/api/info', { origin: 'http://localhost:5173' });
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(ok.headers.vary).toBe('Origin');
    const no = await call(strict, 'GET', '/api/info', { origin: 'http://other.example' });
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });
});
