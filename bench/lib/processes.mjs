// Child processes for the bench: servers under test and load generators, each in its own
// process, optionally pinned to a core with taskset (server on one, load on the other).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Whether `taskset` runs here; checked on first use (start-up repetitions import this file without pinning). */
let tasksetWorks;
function hasTaskset() {
  if (tasksetWorks === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      tasksetWorks = true;
    } catch {
      tasksetWorks = false;
    }
  }
  return tasksetWorks;
}

/** Cores for [server, load generator], or undefined when pinning is off or impossible. */
export function coresFor(pin) {
  return pin && os.availableParallelism() >= 2 && hasTaskset() ? ['0', '1'] : undefined;
}

function spawnPinned(cmd, args, core, options) {
  return core === undefined ? spawn(cmd, args, options) : spawn('taskset', ['-c', core, cmd, ...args], options);
}

/** The pids of a process's children (Linux /proc), or [] when they cannot be read. */
export function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident set size of a process in MB (Linux /proc), or undefined. */
export function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used, in ms (Linux /proc), or undefined. */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Start a process that stays up; resolves once its output matches `ready`, with
 * {match, pid, output(), stop()}. `stop()` sends SIGTERM, then SIGKILL after 3 s. With
 * `stdin: 'pipe'` the process can tell when this one dies (its stdin closes).
 */
export function startProcess({ cmd = process.execPath, args, ready, timeoutMs = 120_000, stdin = 'ignore' }, core) {
  const child = spawnPinned(cmd, args, core, { stdio: [stdin, 'pipe', 'pipe'] });
  // It may exit first: a pipe to its stdin must not throw EPIPE.
  child.stdin?.on('error', () => {});
  let out = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${args.join(' ')} not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const fail = (error) => {
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk) => {
      out += chunk;
      const match = ready.exec(out);
      if (!match) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      settled = true;
      clearTimeout(timer);
      resolve({
        match,
        pid: child.pid,
        output: () => out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // Keep draining after ready, so a chatty process never blocks on a full pipe.
    child.stdout.on('data', () => {});
    child.stderr.on('data', () => {});
    child.on('error', (error) => settled || fail(error));
    child.on('exit', (code) => {
      if (!settled) fail(new Error(`${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

/** Start a server; resolves once its output matches `ready` (whose first group is the port). */
export async function startServer({ ready = /listening (\d+)/, ...def }, core) {
  const { match, ...server } = await startProcess({ ...def, ready }, core);
  return { ...server, port: Number(match[1]) };
}

/**
 * Run a node script to completion and parse its last stdout line as JSON. `onLine` sees
 * every line as it arrives (the idle DDP client prints `ready N` before its result).
 */
export function runNode(script, config, core, onLine = () => {}) {
  const child = spawnPinned(process.execPath, [script, JSON.stringify(config)], core, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => {
    const before = out.split('\n').length - 1;
    out += chunk;
    const lines = out.split('\n');
    for (let i = before; i < lines.length - 1; i++) onLine(lines[i]);
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last));
      } catch (error) {
        reject(new Error(`${script} failed (${error.message}):\n${out}`));
      }
    });
  });
}

/**
 * Use up the machine's warm free memory and hold it (bench/lib/cold-memory.mjs). Resolves
 * once held with {heldMb, cold, warmUs, coldUs, release()}; the holder also exits if this
 * process dies (its stdin closes), so no gigabytes outlive the bench.
 */
export async function holdColdMemory(core) {
  const holder = await startProcess({ args: ['bench/lib/cold-memory.mjs'], ready: /^(\{.*\})\n/m, stdin: 'pipe' }, core);
  return { ...JSON.parse(holder.match[1]), release: holder.stop };
}

/** A free TCP port on 127.0.0.1 (for servers that cannot listen on port 0, as Prism). */
export async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
