// Raw baseline: the practical limit of a Node WebSocket server here (`ws`, as mockchat uses).
// Answers each JSON message with one JSON message (`connect` → `connected`, a method →
// its `result`). Prints `listening PORT`.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: false });
wss.on('connection', (socket) => {
  socket.on('error', () => {});
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString('utf8'));
    socket.send(JSON.stringify(m.msg === 'connect' ? { msg: 'connected', session: 'raw' } : { msg: 'result', id: m.id, result: { echo: m.params?.length ?? 0 } }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
