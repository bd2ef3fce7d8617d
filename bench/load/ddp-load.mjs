// DDP load generator, run in its own process, with `ws`. Opens N connections, sends `connect`,
// then (mode "load") each connection keeps one method call in flight for `duration` seconds
// and the round trips are counted; or (mode "idle") the connections stay open for `hold`
// seconds answering the server's pings. Prints one JSON line (and `ready N` first when idle).
// Usage: node bench/load/ddp-load.mjs '{"url":"ws://…/websocket","method":"registerUser","connections":10,"duration":5}'
import WebSocket from 'ws';
import { methodFrame } from './bodies.mjs';

const { url, method = 'registerUser', connections = 10, duration = 5, mode = 'load', hold = 10, batch = 250, warmup = 1 } = JSON.parse(process.argv[2]);
const latencies = [];
let errors = 0;
let pings = 0;
let closed = 0;
let stopping = false;
let seq = 0;

function open() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] })));
    socket.on('close', () => {
      if (!stopping) closed += 1;
    });
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.msg === 'connected') resolve(socket);
      else if (m.msg === 'ping') {
        pings += 1;
        socket.send(JSON.stringify(m.id ? { msg: 'pong', id: m.id } : { msg: 'pong' }));
      } else if (m.msg === 'result') socket.emit('ddp-result', m);
    });
  });
}

function loop(socket, deadline) {
  return new Promise((resolve) => {
    let started = 0;
    let id = '';
    const next = () => {
      if (performance.now() >= deadline) return resolve();
      id = String(++seq);
      started = performance.now();
      socket.send(JSON.stringify(methodFrame(id, method)));
    };
    socket.on('ddp-result', (m) => {
      if (m.id !== id) return;
      latencies.push(performance.now() - started);
      if (m.error) errors += 1;
      next();
    });
    socket.on('close', () => resolve());
    next();
  });
}

const sockets = [];
for (let i = 0; i < connections; i += batch) {
  const opened = await Promise.all(Array.from({ length: Math.min(batch, connections - i) }, () => open()));
  sockets.push(...opened);
}
if (mode === 'idle') {
  process.stdout.write(`ready ${sockets.length}\n`);
  await new Promise((r) => setTimeout(r, hold * 1000));
  const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  process.stdout.write(JSON.stringify({ connections: sockets.length, open, pings, closed }) + '\n');
} else {
  // A warm-up, then `warm` for the caller, then the measured run.
  if (warmup > 0) await Promise.all(sockets.map((s) => loop(s, performance.now() + warmup * 1000)));
  latencies.length = 0;
  errors = 0;
  for (const s of sockets) s.removeAllListeners('ddp-result');
  process.stdout.write('warm\n');
  const t0 = performance.now();
  await Promise.all(sockets.map((s) => loop(s, t0 + duration * 1000)));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  process.stdout.write(JSON.stringify({ rps: latencies.length / elapsed, requests: latencies.length, p50: pct(50), p99: pct(99), errors, closed }) + '\n');
}
stopping = true;
for (const s of sockets) s.terminate();
process.exit(0);
