import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/** A running `prism proxy` child process. */
export interface PrismProxy {
  /** `http://127.0.0.1:PORT` of the proxy. */
  readonly url: string;
  /** Stop the child process (idempotent). */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
/** The prism-cli entry point (5.14.2: its `engines` allow Node 20). */
const PRISM_BIN = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');

/** Bind port 0, read the port, release it: Prism's CLI needs a number up front. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism proxy exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${url}/__contract-probe`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`prism proxy did not listen on ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Run `prism proxy <spec> <upstream> --errors --validate-request=false --cors=false` on a free port.
 * Request validation is off (the tests send invalid requests on purpose and expect mockchat's own
 * answers); response validation is on, and `--errors` turns error-level violations into a 500
 * `application/problem+json` whose `type` ends in `VIOLATIONS`. CORS is off so the answer carries
 * mockchat's own CORS headers.
 */
export async function startPrismProxy(spec: string, upstream: string, timeoutMs = 30_000): Promise<PrismProxy> {
  const port = await freePort();
  const args = [PRISM_BIN, 'proxy', spec, upstream, '--errors', '--validate-request=false', '--cors=false', '-h', '127.0.0.1', '-p', String(port), '-v', 'error'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // Safety net: never leave a Prism behind if the test runner exits without its teardown.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilListening(url, child, () => log, timeoutMs);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}
