// Uses up the machine's warm free memory, then holds it until SIGTERM or its stdin closes (the bench's
// scale section, docs/performance.md "Ninth pass"). Run by `holdColdMemory` in processes.mjs.
//
// On a VM with free page reporting (this one: Firecracker, nested PVM), free blocks of 2 MB
// and more are handed back to the host, and the guest's first touch of such a page costs
// ~10 µs instead of ~1.3 µs. The kernel hands out its small free fragments (warm) first, so
// whether a server's heap growth lands on warm or cold pages depends on how much memory the
// processes before it used, not on the server. Touching 64 MB chunks until several in a row
// cost "cold" per page leaves every server measured next with the same, cold, fresh pages.
// Where no chunk is cold (bare metal, no page reporting) it stops at the cap: nothing to level.
// Prints one JSON line: {heldMb, cold, warmUs, coldUs} (µs per page of the first and last chunks).
import os from 'node:os';

const CHUNK_MB = 64;
const COLD_US = 4;
const COLD_RUN = 4;
const capMb = Math.min(4096, Math.floor(os.freemem() / 2 ** 20 / 2));
const pages = (CHUNK_MB << 20) / 4096;
const chunks = [];
const costs = [];
let coldInRow = 0;
while ((chunks.length + 1) * CHUNK_MB <= capMb && coldInRow < COLD_RUN) {
  const chunk = Buffer.allocUnsafeSlow(CHUNK_MB << 20);
  const start = process.hrtime.bigint();
  for (let at = 0; at < chunk.length; at += 4096) chunk[at] = 1;
  const us = Number(process.hrtime.bigint() - start) / 1000 / pages;
  costs.push(us);
  chunks.push(chunk);
  coldInRow = us >= COLD_US ? coldInRow + 1 : 0;
}
// With under 128 MB free nothing is touched: the phase then runs on memory as found.
const round = (us) => (us === undefined ? null : Number(us.toFixed(2)));
process.stdout.write(`${JSON.stringify({ heldMb: chunks.length * CHUNK_MB, cold: coldInRow >= COLD_RUN, warmUs: round(costs[0]), coldUs: round(costs.at(-1)) })}\n`);
// Held until SIGTERM (`release()`), or until the bench dies and this stdin closes.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
