// HTTP load generator with microsecond latencies, run in its own process: keep-alive sockets
// (node:net, hand-written HTTP/1.1, one request in flight per socket) and
// `process.hrtime.bigint()` per request. autocannon's histogram is in whole milliseconds, too
// coarse to compare a 2.4 ms p99 with a 3.5 ms one.
//   - closed loop (no `rate`): every socket sends its next request as soon as the answer is in,
//     so the server runs at saturation and latency includes queueing behind GC pauses.
//   - fixed rate (`rate` req/s): requests fall due at fixed intervals, handed out by a 1 ms
//     ticker; a due request waits for a free socket. Latency counts from the tick that found it
//     due, not from when a socket was free, so a server stall is charged to every request it
//     delays (no coordinated omission).
// Prints `warm`, then {rps, requests, p50, p90, p99, p999, max, errors, non2xx} (ms) as JSON.
// Usage: node bench/load/precise-http-load.mjs '{"url":…,"kind":"register","connections":10,"duration":5,"warmup":1,"rate":12000}'
import net from 'node:net';
import { httpBody } from './bodies.mjs';

const { url, kind = 'register', connections = 10, duration = 5, warmup = 1, rate } = JSON.parse(process.argv[2]);
const { hostname, port, pathname } = new URL(url);
const head = `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n`;
const request = () => {
  const body = JSON.stringify(httpBody(kind));
  return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

let latencies = [];
let errors = 0;
let non2xx = 0;
let measuring = true;

/** One keep-alive connection; `send(due)` issues a request and calls `onDone` with its latency. */
function connection(onIdle) {
  const socket = net.connect(Number(port), hostname);
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0);
  let due = 0n;
  const conn = { busy: true, send };
  function send(dueAt) {
    conn.busy = true;
    due = dueAt;
    socket.write(request());
  }
  socket.on('error', () => {
    errors += 1;
  });
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return;
    const headers = buffer.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
    if (buffer.length < end + 4 + length) return;
    const done = process.hrtime.bigint();
    if (measuring) {
      latencies.push(Number(done - due) / 1e6);
      if (headers.charCodeAt(9) !== 50) non2xx += 1; // "HTTP/1.1 2xx"
    }
    buffer = buffer.subarray(end + 4 + length);
    conn.busy = false;
    onIdle(conn);
  });
  socket.on('connect', () => {
    conn.busy = false;
    onIdle(conn);
  });
  return conn;
}

/** Run for `seconds`; resolves with the elapsed seconds. */
function run(seconds) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const stop = start + BigInt(Math.round(seconds * 1e9));
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      resolve(Number(process.hrtime.bigint() - start) / 1e9);
    };
    const idle = [];
    const waiting = []; // due times of requests no socket was free for (fixed rate), a FIFO
    let head = 0; // next of `waiting` to send (no Array#shift: O(n) on a long backlog)
    const interval = rate ? BigInt(Math.round(1e9 / rate)) : 0n;
    let nextDue = start;
    const onIdle = (conn) => {
      const now = process.hrtime.bigint();
      if (now >= stop) return finish();
      if (!rate) return conn.send(now);
      if (head < waiting.length) return conn.send(waiting[head++]);
      idle.push(conn);
    };
    // Fixed rate: every millisecond, hand out the requests that have fallen due.
    const ticker = rate
      ? setInterval(() => {
          const now = process.hrtime.bigint();
          if (now >= stop) return finish();
          // Counted from this tick, not from the due time: the timer's own lag (up to ~1 ms)
          // is the client's, and would otherwise be charged to every request.
          for (; nextDue <= now; nextDue += interval) {
            const conn = idle.pop();
            if (conn) conn.send(now);
            else waiting.push(now);
          }
        }, 1)
      : undefined;
    run.onIdle = onIdle;
    for (const conn of pool) if (!conn.busy) onIdle(conn);
  });
}

const pool = Array.from({ length: connections }, () => connection((conn) => run.onIdle?.(conn)));
if (warmup > 0) {
  measuring = false;
  await run(warmup);
  await new Promise((r) => setTimeout(r, 100)); // let requests in flight finish unmeasured
  measuring = true;
}
process.stdout.write('warm\n');
latencies = [];
errors = 0;
non2xx = 0;
const elapsed = await run(duration);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const round = (ms) => Math.round(ms * 1000) / 1000;
process.stdout.write(
  JSON.stringify({
    rps: latencies.length / elapsed,
    requests: latencies.length,
    p50: round(pct(50)),
    p90: round(pct(90)),
    p99: round(pct(99)),
    p999: round(pct(99.9)),
    max: round(latencies.at(-1) ?? 0),
    errors,
    non2xx,
    ...(rate && { rate }),
  }) + '\n',
);
process.exit(0);
