import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of the bench, without type declarations
import { startProcess, startServer } from '../../bench/lib/processes.mjs';
import { alive } from '../support/processes.js';

type Started = { match: RegExpExecArray; pid: number; output(): string; stop(): Promise<void> };
const node = (code: string) => ({ args: ['-e', code] });

describe('bench processes: startProcess', () => {
  it('resolves on the ready line, keeps the output, and stop() ends the process', async () => {
    const started: Started = await startProcess({ ...node("console.error('booting'); console.log('{\"held\":1}'); setInterval(() => {}, 1000)"), ready: /^(\{.*\})\n/m });
    expect(JSON.parse(started.match[1])).toEqual({ held: 1 });
    expect(started.output()).toContain('booting');
    expect(alive(started.pid)).toBe(true);
    await started.stop();
    expect(alive(started.pid)).toBe(false);
  });

  it('rejects with the output when the process exits before it is ready', async () => {
    await expect(startProcess({ ...node("console.log('no memory'); process.exit(3)"), ready: /never/ })).rejects.toThrow(/exited with 3:\nno memory/);
  });

  it('rejects and kills the process when it is not ready in time', async () => {
    const error = await startProcess({ ...node("console.log('pid', process.pid); setInterval(() => {}, 1000)"), ready: /never/, timeoutMs: 500 }).catch((e: Error) => e);
    expect(error.message).toMatch(/not ready in 500 ms/);
    const pid = Number(/pid (\d+)/.exec(error.message)?.[1]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(pid)).toBe(false);
  });

  it('with stdin piped, a holder does not outlive a killed bench: it sees its stdin close', async () => {
    // A stand-in for the bench: starts a holder-like child with stdin piped, prints its pid, stays up.
    const holder = "console.log('up'); process.stdin.resume(); process.stdin.on('end', () => process.exit(0)); setInterval(() => {}, 1000)";
    const bench = `const { startProcess } = await import(${JSON.stringify(new URL('../../bench/lib/processes.mjs', import.meta.url).href)});
      const held = await startProcess({ args: ['-e', ${JSON.stringify(holder)}], ready: /up\\n/, stdin: 'pipe' });
      console.log('listening', held.pid); setInterval(() => {}, 1000);`;
    const parent = await startServer({ args: ['--input-type=module', '-e', bench] });
    const holderPid = parent.port;
    // Held while the bench lives (with stdin ignored it would read end-of-file and exit at once)...
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(holderPid)).toBe(true);
    // ...and gone soon after the bench is killed without a chance to release it.
    process.kill(parent.pid, 'SIGKILL');
    const deadline = Date.now() + 3000;
    while (alive(holderPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(holderPid)).toBe(false);
  });
});

describe('bench processes: startServer', () => {
  it('reads the port from the first group of its ready pattern', async () => {
    const server = await startServer(node("console.log('listening 4321'); setInterval(() => {}, 1000)"));
    expect(server.port).toBe(4321);
    await server.stop();
  });
});
