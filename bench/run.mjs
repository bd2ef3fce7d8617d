// mockchat benchmarks: `npm run bench` (full), `npm run bench -- --quick` (seconds),
// `--only http,ddp,startup,scale,idle`, `--runs N`, `--no-pin`, `--name NAME`.
// Every server under test and every load generator runs in its own child process, with the
// same connections, pipelining and duration for every HTTP target. Prints tables of medians
// over runs with ratios to the raw baselines, checks the targets (docs/performance.md) and
// writes bench/results/<date>-<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { coresFor } from './lib/processes.mjs';
import { medians, pct, table } from './lib/stats.mjs';
import { SECTIONS } from './lib/sections.mjs';
import { checkTargets } from './lib/targets.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    name: { type: 'string' },
  },
});
const quick = flags.quick;
const settings = {
  quick,
  runs: Number(flags.runs ?? (quick ? 1 : 3)),
  http: { connections: 10, pipelining: 1, duration: quick ? 2 : 5 },
  // 128 connections, each keeping one call in flight, for the raw baseline and mockchat alike.
  // With fewer, a fast method passes 1,000 messages/s on some socket and trips the
  // per-connection flood guard (1008): at ~28,000 calls/s, 32 connections were all closed
  // within a second; at ~53,000, 64 connections lost one or two per run.
  ddp: { connections: 128, duration: quick ? 2 : 5 },
  scaleUsers: quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000],
  idle: quick ? { connections: 1_000, heartbeatMs: 1_000, hold: 3 } : { connections: 10_000, heartbeatMs: 5_000, hold: 12 },
  startupReps: quick ? 1 : 3,
  cores: coresFor(!flags['no-pin']),
};
const only = flags.only ? flags.only.split(',') : Object.keys(SECTIONS);
const unknown = only.filter((s) => !SECTIONS[s]);
if (unknown.length) {
  process.stderr.write(`unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}\n`);
  process.exit(2);
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  pinned: settings.cores ? `server on core ${settings.cores[0]}, load on core ${settings.cores[1]}` : 'no',
};
process.stdout.write(`mockchat bench: ${JSON.stringify(machine)}\n${JSON.stringify({ ...settings, cores: undefined })}\n`);

const results = {};
for (const name of only) {
  const runs = [];
  for (let r = 0; r < settings.runs; r++) {
    process.stdout.write(`\n[${name}] run ${r + 1}/${settings.runs}\n`);
    runs.push(await SECTIONS[name].run(settings, (line) => process.stdout.write(`  ${line}\n`)));
  }
  const rows = medians(runs);
  results[name] = { runs, medians: rows };
  process.stdout.write(`\n${name} (median of ${settings.runs} run${settings.runs > 1 ? 's' : ''})\n${table(rows, SECTIONS[name].columns.map((c) => (c.ratio ? { ...c, format: pct } : c)))}\n`);
}

const verdicts = checkTargets(results);
if (verdicts.length) {
  process.stdout.write(`\ntargets\n${table(verdicts, [
    { key: 'target', label: 'target' },
    { key: 'figure', label: 'measured' },
    { key: 'verdict', label: '' },
  ])}\n`);
}

const name = flags.name ?? (quick ? 'quick' : flags.only ? flags.only.replace(/,/g, '-') : 'full');
const file = `bench/results/${new Date().toISOString().slice(0, 16).replace(/:/g, '')}-${name}.json`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, settings, results, targets: verdicts }, null, 2) + '\n');
process.stdout.write(`\nwritten ${file}\n`);
