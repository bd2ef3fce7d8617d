import type { Argv, CommandModule } from 'yargs';
import { mockchatRoutes } from '../index.js';
import { formatRoutes } from '../spec/route-list.js';

interface RoutesArgs {
  specs?: string;
  json: boolean;
}

/** `mockchat routes [--specs DIR] [--json]`: every route and whether it is emulated or served from a spec. */
export const routesCommand: CommandModule<object, RoutesArgs> = {
  command: 'routes',
  describe: 'List every HTTP route and whether it is emulated or served from a spec',
  builder: (y: Argv) =>
    y
      .option('specs', { type: 'string', describe: 'Directory of OpenAPI documents (default: the packaged specs/)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' }) as unknown as Argv<RoutesArgs>,
  handler: (args) => {
    const routes = mockchatRoutes({ specsDir: args.specs });
    process.stdout.write(`${args.json ? JSON.stringify(routes, null, 2) : formatRoutes(routes)}\n`);
  },
};
