import type { Argv, CommandModule } from 'yargs';

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
  // Loaded when run: `mockchat serve` parses its command line without loading the library.
  handler: async (args) => {
    const [{ mockchatRoutes }, { formatRoutes }] = await Promise.all([import('../index.js'), import('../spec/route-list.js')]);
    const routes = mockchatRoutes({ specsDir: args.specs });
    process.stdout.write(`${args.json ? JSON.stringify(routes, null, 2) : formatRoutes(routes)}\n`);
  },
};
