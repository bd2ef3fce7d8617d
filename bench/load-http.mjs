// A small HTTP load generator, run in its own process: POSTs JSON bodies with keep-alive at a
// fixed concurrency for a fixed time and prints {requests, rps, p50, p99, errors} as JSON.
// Usage: node bench/load-http.mjs URL SECONDS CONCURRENCY [register|raw]
import http from 'node:http';

const [url, seconds = '2', concurrency = '16', kind = 'raw'] = process.argv.slice(2);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const deadline = performance.now() + Number(seconds) * 1000;
const latencies = [];
let errors = 0;
let n = 0;

function body() {
  n += 1;
  const id = `${process.pid}x${n}`;
  return JSON.stringify(kind === 'register' ? { username: `load.${id}`, email: `load.${id}@example.com`, pass: 'Load-pass-1', name: `Load ${id}` } : { hello: id });
}

function one() {
  return new Promise((resolve) => {
    const payload = body();
    const started = performance.now();
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors += 1;
          latencies.push(performance.now() - started);
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      resolve();
    });
    req.end(payload);
  });
}

async function worker() {
  while (performance.now() < deadline) await one();
}

const t0 = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(JSON.stringify({ requests: latencies.length, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors }) + '\n');
agent.destroy();
