// Wall time from spawning `mockchat serve` to its first answered request (GET /api/info).
// The client uses node:http, loaded before the clock starts, so only the server is timed.
// Usage: node bench/startup.mjs [serve flags...]   e.g. node bench/startup.mjs --users 100000
// Prints {firstAnswerMs, rssMb, args}; with --prism, times `prism mock` on the REST spec instead.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { childPids, cpuMs as cpuOf, rssMb as rssOf } from './lib/processes.mjs';

const args = process.argv.slice(2);
const sum = (xs) => (xs.some((x) => x === undefined) ? undefined : xs.reduce((a, b) => a + b, 0));
const prism = args[0] === '--prism';
const get = (url) =>
  new Promise((resolve, reject) => {
    http.get(url, (res) => res.resume().on('end', () => resolve(res.statusCode))).on('error', reject);
  });

const t0 = performance.now();
const child = prism
  ? spawn('node_modules/.bin/prism', ['mock', '-p', String(args[1] ?? 4999), 'specs/rocketchat.rest.yaml'], { stdio: ['ignore', 'pipe', 'pipe'] })
  : spawn(process.execPath, ['dist/cli/bin.js', 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
let done = false;
const onData = async (chunk) => {
  out += chunk;
  const m = prism ? out.match(/Prism is listening on (\S+)/) : out.match(/REST\s+(\S+)/);
  if (!m || done) return;
  done = true;
  const url = prism ? `${m[1]}/api/info` : m[1].replace('/api/v1', '/api/info');
  await get(url);
  const firstAnswerMs = Math.round(performance.now() - t0);
  // RSS, and the CPU time the server used so far (user + system, from /proc: on a busy
  // machine the wall time includes waiting for a core, the CPU time does not). `mockchat
  // serve` runs its server in a child process (src/cli/server-process.ts): both are counted.
  const pids = [child.pid, ...childPids(child.pid)];
  const rssMb = sum(pids.map(rssOf));
  const cpu = sum(pids.map(cpuOf));
  const cpuMs = cpu === undefined ? undefined : Math.round(cpu);
  process.stdout.write(JSON.stringify({ firstAnswerMs, cpuMs, rssMb, args }) + '\n');
  child.kill('SIGINT');
};
child.stdout.on('data', onData);
child.stderr?.on('data', onData);
