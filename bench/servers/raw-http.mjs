// Raw baseline: the practical limit of a Node HTTP server here. Parses the JSON body and
// answers JSON, nothing else. Prints `listening PORT`.
import http from 'node:http';

const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const parsed = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const body = JSON.stringify({ ...parsed, success: true });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
