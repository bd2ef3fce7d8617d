// HTTP load generator (autocannon through its API), run in its own process. Every request
// gets a fresh body from bodies.mjs. Prints {rps, requests, p50, p99, errors, non2xx} as JSON.
// Usage: node bench/load/http-load.mjs '{"url":…,"kind":…,"connections":10,"duration":5,"pipelining":1,"warmup":1}'
import autocannon from 'autocannon';
import { httpBody } from './bodies.mjs';

const { url, kind, connections = 10, duration = 5, pipelining = 1, warmup = 1 } = JSON.parse(process.argv[2]);
const run = (seconds) =>
  autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    pipelining,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(httpBody(kind)) }) }],
  });
// A warm-up (JIT, lazily compiled validators, pools), then `warm` for the caller, then the run.
if (warmup > 0) await run(warmup);
process.stdout.write('warm\n');
const result = await run(duration);
const requests = result.requests.total;
process.stdout.write(
  JSON.stringify({
    rps: requests / result.duration,
    requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }) + '\n',
);
