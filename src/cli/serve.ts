import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DEFAULT_LIMITS, type LogLevel } from '../options.js';
import type { ServeRun } from './run-server.js';
import type { ServerProcess } from './server-process.js';

interface ServeArgs {
  port: number;
  host: string;
  seed: number;
  users: number;
  'admin-password': string;
  'log-level': LogLevel;
  'body-limit': number;
  'max-json-depth': number;
  'header-limit': number;
  'max-connections': number;
  'ddp-max-message-bytes': number;
  'ddp-max-messages-per-second': number;
  'rate-limits': boolean;
  'tune-gc': boolean;
  scenario?: string;
  scenarios?: string;
  specs?: string;
  'admin-token'?: string;
  cors: string;
  watch: boolean;
  db?: string;
  reset: boolean;
}

/** `mockchat serve`: in `server` when there is one (server-process.ts), else in this process. */
export const serveCommand = (server?: ServerProcess): CommandModule<object, ServeArgs> => ({
  command: 'serve',
  describe: 'Run the mock Rocket.Chat workspace',
  builder: (y: Argv) =>
    y
      .option('port', { type: 'number', default: 3000, describe: 'Port to listen on (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to bind' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for ids and generated users' })
      .option('users', { type: 'number', default: 0, describe: 'Extra users to generate with faker' })
      .option('admin-password', { type: 'string', default: 'admin', describe: 'Password of the seeded admin user' })
      .option('log-level', { choices: ['silent', 'error', 'warn', 'info', 'debug'] as const, default: 'info' as LogLevel, describe: 'Log verbosity' })
      .option('body-limit', { type: 'number', default: DEFAULT_LIMITS.bodyLimit, describe: 'Largest request body in bytes' })
      .option('max-json-depth', { type: 'number', default: DEFAULT_LIMITS.maxJsonDepth, describe: 'Deepest JSON nesting accepted in a body or DDP frame' })
      .option('header-limit', { type: 'number', default: DEFAULT_LIMITS.headerLimit, describe: 'Largest request head in bytes (431 above)' })
      .option('max-connections', { type: 'number', default: DEFAULT_LIMITS.maxConnections, describe: 'Most open connections (503 above)' })
      .option('ddp-max-message-bytes', { type: 'number', default: DEFAULT_LIMITS.ddpMaxMessageBytes, describe: 'Largest DDP message in bytes (close 1009 above)' })
      .option('ddp-max-messages-per-second', { type: 'number', default: DEFAULT_LIMITS.ddpMaxMessagesPerSecond, describe: 'Most DDP messages per second per connection (close 1008 above)' })
      .option('rate-limits', { type: 'boolean', default: false, describe: "Enforce Rocket.Chat's rate limits" })
      .option('scenario', { type: 'string', describe: 'Scenario(s) active from the start, comma-separated (later ones win)' })
      .option('scenarios', { type: 'string', describe: 'Extra directory of scenario YAML files' })
      .option('specs', { type: 'string', describe: 'Directory of OpenAPI documents (default: the packaged specs/); operations mockchat does not emulate are served from them' })
      .option('admin-token', { type: 'string', describe: 'Require this bearer token on /__mockchat (mandatory off loopback)' })
      .option('cors', { type: 'string', default: '*', describe: 'Browser origins allowed to call the API: * or a comma-separated list' })
      .option('watch', { type: 'boolean', default: false, describe: 'Reload specs, scenarios and seed settings when their files change' })
      .option('db', { type: 'string', describe: 'Keep state in this json-server-compatible JSON file (plus FILE.log); survives restarts and kill -9' })
      .option('reset', { type: 'boolean', default: false, describe: 'With --db: start from the seed and overwrite the file' })
      .option('tune-gc', { type: 'boolean', default: true, describe: 'Run the server in a child Node with GC flags for steady latency (--no-tune-gc: in this process, Node defaults)' }) as unknown as Argv<ServeArgs>,
  handler: async (argv: ArgumentsCamelCase<ServeArgs>) => {
    const run = optionsOf(argv);
    // The server process was started on a first look at the command line; yargs has the last
    // word. (Help and parse failures exit this process, and the server process with it.)
    if (server && argv.tuneGc) return server.serve(run);
    server?.abandon();
    const { runServer } = await import('./run-server.js');
    await runServer(run);
  },
});

/** `createMockchat` options from the command line (plain JSON: they may go to the server process). */
function optionsOf(argv: ArgumentsCamelCase<ServeArgs>): ServeRun {
  return {
    port: argv.port,
    host: argv.host,
    seed: argv.seed,
    users: argv.users,
    adminPassword: argv.adminPassword,
    logLevel: argv.logLevel,
    bodyLimit: argv.bodyLimit,
    maxJsonDepth: argv.maxJsonDepth,
    headerLimit: argv.headerLimit,
    maxConnections: argv.maxConnections,
    ddpMaxMessageBytes: argv.ddpMaxMessageBytes,
    ddpMaxMessagesPerSecond: argv.ddpMaxMessagesPerSecond,
    rateLimits: argv.rateLimits,
    scenario: argv.scenario,
    scenariosDir: argv.scenarios,
    specsDir: argv.specs,
    adminToken: argv.adminToken,
    db: argv.db,
    dbReset: argv.reset,
    corsOrigins: argv.cors === '*' ? '*' : argv.cors.split(',').map((o) => o.trim()).filter(Boolean),
    watch: argv.watch,
  };
}
