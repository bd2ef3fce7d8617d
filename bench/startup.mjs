// Wall time from spawning `mockchat serve` to its first answered request.
// Usage: node bench/startup.mjs [serve flags...]   e.g. node bench/startup.mjs --users 100000
import { spawn } from 'node:child_process';

const t0 = performance.now();
const child = spawn(process.execPath, ['dist/cli/bin.js', 'serve', '--port', '0', ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
let done = false;
child.stdout.on('data', async (chunk) => {
  out += chunk;
  const m = out.match(/REST\s+(\S+)/);
  if (!m || done) return;
  done = true;
  const res = await fetch(m[1].replace('/api/v1', '/api/info'));
  await res.text();
  process.stdout.write(JSON.stringify({ firstAnswerMs: Math.round(performance.now() - t0), args: process.argv.slice(2) }) + '\n');
  child.kill('SIGINT');
});
