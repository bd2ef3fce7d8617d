// Soak: a mockchat child under mixed load (REST, DDP, SelfCommunity, scenario switches, sandboxes,
// resets) for N minutes; RSS sampled every 10 s; fails when RSS after the warm-up grows by more
// than 10%. Not in CI.
// Usage: npm run soak [-- --minutes 10 --warmup 2 --concurrency 8]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const minutes = arg('minutes', 10);
const warmupMin = Math.min(arg('warmup', 2), minutes / 2);
const concurrency = arg('concurrency', 8);
const SAMPLE_MS = 10_000;
const LIMIT = 0.1;

// --no-tune-gc: the server in this child itself (its RSS is what is sampled), with Node's GC
// defaults; under `mockchat serve`'s 512 MB old-generation floor, RSS would climb until the
// first full collection, leak or not (docs/decisions/0017-serve-node-flags.md).
const child = spawn(process.execPath, ['dist/cli/bin.js', 'serve', '--no-tune-gc', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
    const m = out.match(/REST\s+(http:\/\/\S+?)\/api\/v1/);
    if (m) resolve(new URL(m[1]));
  });
  child.once('exit', (code) => reject(new Error(`mockchat exited with ${code}`)));
});
child.stdout.resume();

/** RSS of the child in MiB (Linux /proc, else ps). */
function rssMiB() {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const stats = { requests: 0, status5xx: 0, errors: 0, ddpCycles: 0, scenarioSwitches: 0, resets: 0 };
function http(method, path, body, headers = {}) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request({ host: base.hostname, port: base.port, method, path, agent, headers: { ...(data && { 'content-type': headers['content-type'] ?? 'application/json', 'content-length': Buffer.byteLength(data) }), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        stats.requests += 1;
        if (res.statusCode >= 500) stats.status5xx += 1;
        let json;
        try {
          json = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode, json });
      });
    });
    req.on('error', () => {
      stats.errors += 1;
      resolve({ status: 0 });
    });
    req.end(data);
  });
}

let n = 0;
const SANDBOXES = ['soak-a', 'soak-b', 'soak-c'];
/** One REST iteration: register, login, me, users.info, logout; SelfCommunity create + token. */
async function restCycle() {
  const i = ++n;
  const sandbox = i % 4 === 0 ? { 'x-mockchat-sandbox': SANDBOXES[i % 3] } : {};
  await http('POST', '/api/v1/users.register', { username: `soak.${i}`, email: `soak${i}@example.com`, pass: 'Soak-pass-1', name: 'Soak' }, sandbox);
  const login = await http('POST', '/api/v1/login', { user: `soak.${i}`, password: 'Soak-pass-1' }, sandbox);
  const auth = login.json?.data ? { 'x-user-id': login.json.data.userId, 'x-auth-token': login.json.data.authToken, ...sandbox } : sandbox;
  await http('GET', '/api/v1/me', undefined, auth);
  await http('GET', `/api/v1/users.info?username=soak.${i}`, undefined, auth);
  await http('POST', '/api/v1/logout', {}, auth);
  await http('POST', '/api/v2/account/create/', { username: `soak${i}`, email: `soak${i}@community.example.com`, password: 'Soak-pass-1' }, { authorization: 'Bearer sc-admin-token' });
  await http('POST', '/oauth/token/', `grant_type=password&username=soak${i}&password=Soak-pass-1&client_id=mockchat-selfcommunity`, { 'content-type': 'application/x-www-form-urlencoded' });
  await http('POST', '/api/v1/users.register', '{not json', {});
}

/** One DDP connection: connect, registerUser, login, logout, close. */
function ddpCycle() {
  return new Promise((resolve) => {
    const i = ++n;
    const ws = new WebSocket(`ws://${base.host}/websocket`);
    const calls = [
      ['registerUser', { email: `ddp${i}@example.com`, pass: 'Soak-pass-1', name: 'Soak' }],
      ['login', { user: { email: `ddp${i}@example.com` }, password: 'Soak-pass-1' }],
      ['logout'],
    ];
    let step = 0;
    const next = () => {
      if (step === calls.length) return ws.close();
      const [method, ...params] = calls[step];
      ws.send(JSON.stringify({ msg: 'method', id: String(++step), method, params }));
    };
    ws.on('open', () => ws.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.msg === 'connected' || (m.msg === 'result' && m.id === String(step))) next();
    });
    ws.on('error', () => (stats.errors += 1));
    ws.on('close', () => {
      stats.ddpCycles += 1;
      resolve();
    });
  });
}

const SCENARIOS = ['registration-disabled', 'password-policy', 'name-required', 'custom-fields'];
/** Every 2 s a scenario switch; every 10 s a reset and the sandboxes dropped (state stays bounded). */
async function adminLoop(until) {
  for (let k = 0; Date.now() < until; k++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await http('PUT', '/__mockchat/scenario', { name: SCENARIOS[k % SCENARIOS.length] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await http('DELETE', '/__mockchat/scenario');
    stats.scenarioSwitches += 1;
    if (k % 5 === 4) {
      await http('POST', '/__mockchat/reset', {});
      for (const s of SANDBOXES) await http('DELETE', `/__mockchat/sandboxes/${s}`);
      stats.resets += 1;
    }
  }
}

const started = Date.now();
const until = started + minutes * 60_000;
const samples = [];
const sampler = setInterval(() => {
  const t = (Date.now() - started) / 1000;
  samples.push({ t: Math.round(t), rssMiB: Number(rssMiB().toFixed(1)) });
  process.stderr.write(`[soak] ${Math.round(t)}s rss ${samples.at(-1).rssMiB} MiB, ${stats.requests} requests, ${stats.ddpCycles} ddp cycles\n`);
}, SAMPLE_MS);

const workers = Array.from({ length: concurrency }, async (_, w) => {
  while (Date.now() < until) await (w % 4 === 3 ? ddpCycle() : restCycle());
});
await Promise.all([...workers, adminLoop(until)]);
clearInterval(sampler);
agent.destroy();

const after = samples.filter((s) => s.t >= warmupMin * 60);
const avg = (xs) => xs.reduce((a, s) => a + s.rssMiB, 0) / xs.length;
const baseline = avg(after.slice(0, 3));
const final = avg(after.slice(-3));
const growth = (final - baseline) / baseline;
child.kill('SIGTERM');
const exitCode = await new Promise((resolve) => child.once('exit', (code) => resolve(code)));
const ok = after.length >= 2 && growth <= LIMIT && stats.status5xx === 0 && exitCode === 0;
const summary = { minutes, warmupMinutes: warmupMin, concurrency, ...stats, requestsPerSecond: Math.round(stats.requests / (minutes * 60)), rssBaselineMiB: Number(baseline.toFixed(1)), rssFinalMiB: Number(final.toFixed(1)), rssGrowthPercent: Number((growth * 100).toFixed(1)), limitPercent: LIMIT * 100, childExitCode: exitCode, samples, ok };
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exit(ok ? 0 : 1);
