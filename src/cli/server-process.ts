import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ServeRun } from './run-server.js';

/**
 * The Node flags the server of `mockchat serve` runs under (docs/decisions/0017-serve-node-flags.md):
 * - `--initial-old-space-size=512`: no full (mark-compact) collection until V8's old
 *   generation holds 512 MB. On a busy core one stops the event loop for 25-300 ms, and
 *   without the floor V8 starts them as early as 40 MB into a fresh server's life.
 * - `--no-allocation-site-pretenuring`: a bulk seed runs the registration code a million times
 *   with documents that die young, and V8's allocation-site feedback then keeps treating
 *   registered users that way (longer scavenges with 1M seeded users than with 1k).
 * - `--expose-gc`: so start-up can clear a bulk seed's garbage before serving (`collectGarbage`).
 */
export const SERVE_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=512', '--no-allocation-site-pretenuring', '--expose-gc'];

/** The signals the CLI turns into a stop message for its server process. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Whether `mockchat ARGS` runs its server in a child Node with `SERVE_NODE_FLAGS`: only for
 * `serve`, only when this Node was started without flags of its own (`npx mockchat serve`,
 * `node bin.js serve`; `node --inspect bin.js serve` serves in this process, as started),
 * not when `NODE_OPTIONS` asks for the inspector (two processes would contend for its port),
 * and not with `--no-tune-gc` (or `MOCKCHAT_TUNE_GC=false`).
 */
export function wantsServerProcess(args: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (args[0] !== 'serve' || execArgv.length > 0 || /--inspect/.test(env.NODE_OPTIONS ?? '')) return false;
  // As yargs reads a boolean: true only as "true"; `--tune-gc` takes a following "true"/"false".
  let tune = env.MOCKCHAT_TUNE_GC === undefined || env.MOCKCHAT_TUNE_GC === 'true';
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--no-tune-gc') tune = false;
    else if (arg === '--tune-gc') tune = args[i + 1] !== 'false';
    else if (arg.startsWith('--tune-gc=')) tune = arg === '--tune-gc=true';
  }
  return tune;
}

/** What the CLI sends its server process: the options to serve with, then maybe a stop. */
export type ToServer = { run: ServeRun } | { stop: string };

/** The server process, started before the command line is parsed. */
export interface ServerProcess {
  /** Hand it the parsed options; this process then lives as long as it does and exits as it did. */
  serve(run: ServeRun): void;
  /** Let it go: this process serves itself (yargs read `--tune-gc` as false). */
  abandon(): void;
}

/**
 * Start `server-main.js` in a child Node with `SERVE_NODE_FLAGS` and this process's stdio, so
 * that it boots and loads mockchat while this process loads yargs and parses the command
 * line. SIGINT, SIGTERM and SIGHUP make it stop cleanly, and this process exits as the child
 * did. The child also stops when its IPC channel closes, so a CLI killed with SIGKILL leaves no
 * server behind.
 */
export function startServerProcess(): ServerProcess {
  const main = fileURLToPath(new URL('./server-main.js', import.meta.url));
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, main], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  child.channel?.unref();
  // Passed on over IPC, not as signals: on Windows a signal kills a process outright, and the
  // server would not close its connections or write --db.
  const send = (message: ToServer) => child.send(message);
  const onSignal = (signal: NodeJS.Signals) => child.connected && send({ stop: signal });
  for (const signal of SIGNALS) process.on(signal, onSignal);
  child.on('error', (error) => {
    process.stderr.write(`[mockchat] the server process failed: ${error.message}\n`);
    process.exit(1);
  });
  // Node gives an exit code or the signal that ended it.
  child.on('exit', (code, signal) => process.exit(code ?? 128 + constants.signals[signal!]));
  return {
    serve: (run) => send({ run }),
    abandon: () => {
      // This process serves itself: its signals are its own again, and the server process,
      // without options, exits as its channel closes (server-main.ts).
      for (const signal of SIGNALS) process.off(signal, onSignal);
      child.removeAllListeners('exit');
      child.disconnect();
      child.unref();
    },
  };
}
