#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { MockchatConfigError } from '../errors.js';
import { routesCommand } from './routes.js';
import { scenarioCommand } from './scenario.js';
import { serveCommand } from './serve.js';

await yargs(hideBin(process.argv))
  .scriptName('mockchat')
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
