import { createMockchat, type Mockchat, type MockchatOptions } from '../index.js';
import { isLoopback, type LogLevel } from '../options.js';

/**
 * What `mockchat serve` runs, in the CLI's process or in its server process (plain JSON):
 * `createMockchat` options with the two the CLI always sets and the banner needs.
 */
export type ServeRun = MockchatOptions & { host: string; logLevel: LogLevel };

/** The start banner: URLs, admin credentials, user count. */
function banner(mock: Mockchat): string {
  return [
    `mockchat is listening`,
    `  REST       ${mock.url}/api/v1`,
    `  WebSocket  ${mock.wsUrl}`,
    `  admin      ${mock.admin.username} / ${mock.admin.password}`,
    `  users      ${mock.users.count()}`,
    `  scenario   ${mock.scenarios().active.join(', ') || '(none)'}`,
    `  admin API  ${mock.url}/__mockchat/`,
    `  dashboard  ${mock.url}/__mockchat/ (open in a browser)`,
    ...(mock.reloadStatus().watching ? ['  watching   specs, scenarios and seeds for changes'] : []),
    `Press Ctrl-C to stop.`,
  ].join('\n');
}

/**
 * Start mockchat, print the banner, and close it on SIGINT or SIGTERM. Returns the function
 * that closes it and exits, `why` being printed (the server process also calls it when the
 * CLI asks it to stop or goes away: server-main.ts).
 */
export async function runServer(options: ServeRun): Promise<(why: string) => void> {
  const { host, logLevel } = options;
  const mock = await createMockchat(options);
  if (!isLoopback(host) && logLevel !== 'silent') {
    process.stderr.write(`[mockchat] warning: listening on ${host}, reachable from the network; the admin API requires the admin token.\n`);
  }
  if (logLevel !== 'silent') process.stdout.write(`${banner(mock)}\n`);
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    if (logLevel !== 'silent') process.stdout.write(`\n${why}: closing mockchat\n`);
    void mock.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return stop;
}
