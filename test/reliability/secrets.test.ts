import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { killAll, run, waitForBanner, within } from '../support/run-cli.js';
import { startMockchat } from '../support/start-mockchat.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ADMIN_SC = { authorization: 'Bearer sc-admin-token' };

/** Everything a client or operator can see: HTTP answers (headers and body), DDP frames, log lines. */
interface Seen {
  text: string;
  /** A login result: the one place a (new or resumed) login token may appear. */
  loginResult: boolean;
  where: string;
}

/** fetch that records every answer it gets. */
function recorder(base: string, seen: Seen[]) {
  return async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; form?: boolean; loginResult?: boolean } = {}) => {
    const body = init.body === undefined ? undefined : init.form ? new URLSearchParams(init.body as Record<string, string>).toString() : JSON.stringify(init.body);
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers: { ...(body && { 'content-type': init.form ? 'application/x-www-form-urlencoded' : 'application/json' }), ...init.headers },
      body,
    });
    const text = await res.text();
    seen.push({ text: `${JSON.stringify([...res.headers])}\n${text}`, loginResult: init.loginResult ?? false, where: `${init.method ?? 'POST'} ${path} ${res.status}` });
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
}

const bridge = (method: string, params: unknown[]) => ({ message: JSON.stringify({ msg: 'method', id: '1', method, params }) });

/** The secrets that must not leak, and where they were found where they must not be. */
function leaks(seen: Seen[], fixed: string[], tokens: string[]): string[] {
  const out: string[] = [];
  for (const s of seen) {
    for (const secret of fixed) if (s.text.includes(secret)) out.push(`${s.where}: ${secret.slice(0, 12)}…`);
    if (!s.loginResult) for (const token of tokens) if (s.text.includes(token)) out.push(`${s.where}: token ${token.slice(0, 8)}…`);
  }
  return out;
}

describe('no password, hash, digest or login token leaks (marker password scanned everywhere)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    killAll();
  });

  it('register, login and logout on every surface; scan answers, DDP frames, the journal and debug logs', async () => {
    const marker = `Mk-${randomBytes(8).toString('hex')}`;
    const digest = sha256(marker);
    const logs: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      });
    }
    const mock = await startMockchat({ logLevel: 'debug' });
    const seen: Seen[] = [];
    const http = recorder(mock.url, seen);
    const tokens: string[] = [];

    // Registration on every surface.
    expect((await http('/api/v1/users.register', { body: { username: 'mk.rest', email: 'mk.rest@example.com', pass: marker, name: 'Mk' } })).status).toBe(200);
    const ddp = await RawDdp.connect(mock.wsUrl);
    await ddp.apply('registerUser', { email: 'mk.ddp@example.com', pass: marker, name: 'Mk' });
    const viaBridge = await http('/api/v1/method.callAnon/registerUser', { body: bridge('registerUser', [{ email: 'mk.bridge@example.com', pass: marker, name: 'Mk' }]) });
    expect(JSON.parse(viaBridge.json.message).result).toEqual(expect.any(String));
    const admin = await http('/api/v1/login', { body: { user: 'admin', password: 'admin' }, loginResult: true });
    const adminAuth = { 'x-user-id': admin.json.data.userId, 'x-auth-token': admin.json.data.authToken };
    tokens.push(admin.json.data.authToken);
    expect((await http('/api/v1/users.create', { body: { username: 'mk.create', email: 'mk.create@example.com', password: marker, name: 'Mk' }, headers: adminAuth })).status).toBe(200);
    expect((await http('/api/v2/account/create/', { body: { username: 'mkselfc', email: 'mk.sc@example.com', password: marker }, headers: ADMIN_SC })).status).toBe(201);

    // Logins (password, digest, resume) and their uses.
    const rest = await http('/api/v1/login', { body: { user: 'mk.rest', password: marker }, loginResult: true });
    tokens.push(rest.json.data.authToken);
    const restAuth = { 'x-user-id': rest.json.data.userId, 'x-auth-token': rest.json.data.authToken };
    expect((await http('/api/v1/me', { method: 'GET', headers: restAuth })).status).toBe(200);
    const ddpLogin = await ddp.apply('login', { user: { email: 'mk.ddp@example.com' }, password: { digest, algorithm: 'sha-256' } });
    tokens.push(ddpLogin.token);
    const bridged = await http('/api/v1/method.callAnon/login', { body: bridge('login', [{ user: { email: 'mk.bridge@example.com' }, password: marker }]), loginResult: true });
    tokens.push(JSON.parse(bridged.json.message).result.token);
    const created = await http('/api/v1/login', { body: { user: 'mk.create', password: { digest, algorithm: 'sha-256' } }, loginResult: true });
    tokens.push(created.json.data.authToken);
    const oauth = await http('/oauth/token/', { body: { grant_type: 'password', username: 'mkselfc', password: marker, client_id: 'mockchat-selfcommunity' }, form: true, loginResult: true });
    expect(oauth.status).toBe(200);
    tokens.push(oauth.json.access_token, oauth.json.refresh_token);
    expect((await http('/api/v2/user/me/', { method: 'GET', headers: { authorization: `Bearer ${oauth.json.access_token}` } })).status).toBe(200);

    // Logout kills the token on REST, DDP and over the bridge.
    expect((await http('/api/v1/logout', { headers: restAuth, body: {} })).status).toBe(200);
    expect((await http('/api/v1/me', { method: 'GET', headers: restAuth })).status).toBe(401);
    await ddp.apply('logout');
    await expect(ddp.apply('login', { resume: ddpLogin.token })).rejects.toMatchObject({ error: 401, reason: 'User not found' });
    expect((await http('/api/v1/login', { body: { resume: rest.json.data.authToken } })).status).toBe(401);
    expect((await http('/oauth/revoke_token/', { body: { token: oauth.json.access_token, client_id: 'mockchat-selfcommunity' }, form: true })).status).toBe(200);
    expect((await http('/api/v2/user/me/', { method: 'GET', headers: { authorization: `Bearer ${oauth.json.access_token}` } })).status).toBe(401);

    // The journal, in-process and served.
    const served = await http('/__mockchat/requests?limit=1000', { method: 'GET' });
    expect(served.json.count).toBeGreaterThan(15);
    seen.push({ text: JSON.stringify(mock.journal.find()), loginResult: false, where: 'mock.journal' });
    for (const f of ddp.frames) {
      const isLogin = f.msg === 'result' && typeof f.result?.token === 'string';
      seen.push({ text: JSON.stringify(f), loginResult: isLogin, where: `ddp ${f.msg}` });
    }
    ddp.close();
    await mock.close();
    vi.restoreAllMocks();
    expect(logs.join('')).toContain('[mockchat] POST /api/v1/users.register 200');
    seen.push({ text: logs.join(''), loginResult: false, where: 'stdout/stderr (debug)' });

    const stored = [...mock.workspace.users.values()].filter((u) => u.username?.startsWith('mk.') || u.emails[0]?.address.startsWith('mk.'));
    expect(stored).toHaveLength(4);
    const hashes = stored.map((u) => u.services.password!.hash);
    const scUser = mock.selfcommunity.findByUsername('mkselfc')!;
    hashes.push(scUser.password.hash);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((t) => typeof t === 'string' && t.length >= 20)).toBe(true);
    expect(leaks(seen, [marker, digest, ...hashes], tokens)).toEqual([]);
    // The scan can find: the token does appear in the login results it was allowed in.
    expect(seen.filter((s) => s.loginResult).some((s) => s.text.includes(tokens[1]))).toBe(true);
  });

  it('a --log-level debug CLI run prints no password, digest or token', async () => {
    const marker = `Mk-${randomBytes(8).toString('hex')}`;
    const r = run(['serve', '--port', '0', '--log-level', 'debug']);
    const base = await waitForBanner(r);
    const seen: Seen[] = [];
    const http = recorder(base, seen);
    expect((await http('/api/v1/users.register', { body: { username: 'mk.cli', email: 'mk.cli@example.com', pass: marker, name: 'Mk' } })).status).toBe(200);
    const login = await http('/api/v1/login', { body: { user: 'mk.cli', password: marker }, loginResult: true });
    const auth = { 'x-user-id': login.json.data.userId, 'x-auth-token': login.json.data.authToken };
    const ddp = await RawDdp.connect(base.replace('http', 'ws') + '/websocket');
    const resumed = await ddp.apply('login', { resume: login.json.data.authToken });
    expect((await http('/api/v1/me', { method: 'GET', headers: auth })).status).toBe(200);
    await ddp.apply('logout');
    ddp.close();
    // The DDP logout killed the token for REST too.
    expect((await http('/api/v1/logout', { headers: auth, body: {} })).status).toBe(401);
    r.child.kill('SIGTERM');
    expect((await within(r.exit, 2000)).code).toBe(0);
    const output = `${r.stdout()}\n${r.stderr()}`;
    expect(output).toContain('POST /api/v1/login 200');
    for (const secret of [marker, sha256(marker), login.json.data.authToken, resumed.token]) expect(output).not.toContain(secret);
  });
});
