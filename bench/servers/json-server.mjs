// json-server 0.17 (its CLI) on a fresh db.json in a temporary directory; prints `listening PORT`.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'mockchat-bench-json-server-'));
writeFileSync(join(dir, 'db.json'), JSON.stringify({ users: [] }));
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const child = spawn(process.execPath, ['node_modules/json-server/lib/cli/bin.js', '--quiet', '--port', String(port), '--host', '127.0.0.1', join(dir, 'db.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', () => {});
const wait = async () => {
  for (;;) {
    const ok = await new Promise((resolve) => net.connect(port, '127.0.0.1').on('connect', function () { this.end(); resolve(true); }).on('error', () => resolve(false)));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
};
await wait();
process.stdout.write(`listening ${port}\nchild ${child.pid}\n`);
process.on('SIGTERM', () => {
  child.kill('SIGTERM');
  process.exit(0);
});
