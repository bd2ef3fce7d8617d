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
 * Start a server; resolves once its output matches `ready` (whose first group is the port).
 * Returns {port, pid, lines, stop()}.
 */
export function startServer({ cmd = process.execPath, args, ready = /listening (\d+)/, timeoutMs = 120_000 }, core) {
  const child = spawnPinned(cmd, args, core, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server ${args.join(' ')} not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const fail = (error) => {
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk) => {
      out += chunk;
      const m = ready.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      settled = true;
      clearTimeout(timer);
      resolve({
        port: Number(m[1]),
        pid: child.pid,
        output: () => out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // Keep draining after ready, so a chatty server never blocks on a full pipe.
    child.stdout.on('data', () => {});
    child.stderr.on('data', () => {});
    child.on('exit', (code) => {
      if (!settled) fail(new Error(`server ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
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
 * once held with {heldMb, cold, warmUs, lastUs, release()}; the holder also exits if this
 * process dies (its stdin closes), so no gigabytes outlive the bench.
 */
export function holdColdMemory(core, timeoutMs = 120_000) {
  const child = spawnPinned(process.execPath, ['bench/lib/cold-memory.mjs'], core, { stdio: ['pipe', 'pipe', 'inherit'] });
  // The holder may exit first (or fail to start): ending its stdin must not throw EPIPE.
  child.stdin.on('error', () => {});
  const release = () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`cold-memory.mjs held nothing in ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      try {
        resolve({ ...JSON.parse(out), release });
      } catch (error) {
        fail(new Error(`cold-memory.mjs printed ${out}: ${error.message}`));
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`cold-memory.mjs exited with ${code} before holding memory`)));
  });
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
