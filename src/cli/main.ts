#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { MockchatConfigError } from '../errors.js';
import { routesCommand } from './routes.js';
import { scenarioCommand } from './scenario.js';
import { serveCommand } from './serve.js';

const args = hideBin(process.argv);
// yargs renders (and caches) the whole help text before running a command, in case the
// command fails. Our .fail() never prints it, so wrapping it to the terminal width (~20 ms
// of string-width at start-up) is only worth it when help was asked for.
const wantsHelp = args.includes('--help');

await yargs(args)
  .scriptName('mockchat')
  .wrap(wantsHelp ? Math.min(80, process.stdout.columns || 80) : null)
  .env('MOCKCHAT')
  .command(serveCommand)
  .command(scenarioCommand)
  .command(routesCommand)
  .demandCommand(1, 'Name a command, e.g. `mockchat serve`.')
  .strict()
  .fail((message, error) => {
    if (error instanceof MockchatConfigError) process.stderr.write(`${error.message}\n`);
    else if (error) process.stderr.write(`[mockchat] ${error.message}\n`);
    else process.stderr.write(`[mockchat] ${message}\nRun \`mockchat --help\` for usage.\n`);
    process.exit(1);
  })
  .help()
  .parseAsync();
