import yargs from 'yargs';
import { cliErrorText } from './cli-error.js';
import { routesCommand } from './routes.js';
import { scenarioCommand } from './scenario.js';
import { serveCommand } from './serve.js';
import type { ServerProcess } from './server-process.js';

/**
 * Run `mockchat ARGS` (yargs and the commands). `serve` hands its options to `server` when
 * there is one (server-process.ts), or serves in this process.
 */
export async function runCli(args: string[], server?: ServerProcess): Promise<void> {
  // yargs renders (and caches) the whole help text before running a command, in case the
  // command fails. Our .fail() never prints it, so wrapping it to the terminal width (~20 ms
  // of string-width at start-up) is only worth it when help was asked for.
  const wantsHelp = args.includes('--help');
  await yargs(args)
    .scriptName('mockchat')
    .wrap(wantsHelp ? Math.min(80, process.stdout.columns || 80) : null)
    .env('MOCKCHAT')
    .command(serveCommand(server))
    .command(scenarioCommand)
    .command(routesCommand)
    .demandCommand(1, 'Name a command, e.g. `mockchat serve`.')
    .strict()
    .fail((message, error) => {
      process.stderr.write(cliErrorText(error, message));
      process.exit(1);
    })
    .help()
    .parseAsync();
}
