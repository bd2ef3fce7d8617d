import type { Argv, CommandModule } from 'yargs';

interface ScenarioArgs {
  action: 'list' | 'use' | 'reset' | 'show';
  names?: string;
  url: string;
  'admin-token'?: string;
}

async function call(args: ScenarioArgs, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${args.url.replace(/\/+$/, '')}/__mockchat${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(args['admin-token'] && { authorization: `Bearer ${args['admin-token']}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error: Error) => {
    throw new Error(`cannot reach mockchat at ${args.url}: ${error.message}`);
  });
  const payload = (await res.json().catch(() => ({}))) as { error?: { message: string } };
  if (!res.ok) throw new Error(payload.error?.message ?? `HTTP ${res.status}`);
  return payload;
}

/** `mockchat scenario list|show|use NAMES|reset --url URL`: switch scenarios on a running server. */
export const scenarioCommand: CommandModule<object, ScenarioArgs> = {
  command: 'scenario <action> [names]',
  describe: 'List or switch the scenarios of a running mockchat',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['list', 'show', 'use', 'reset'] as const, describe: 'What to do' })
      .positional('names', { type: 'string', describe: 'Scenario names for `use`, comma-separated (later ones win)' })
      .option('url', { type: 'string', default: 'http://127.0.0.1:3000', describe: 'Base URL of the running mockchat' })
      .option('admin-token', { type: 'string', describe: 'Admin token when the server requires one' }) as unknown as Argv<ScenarioArgs>,
  handler: async (args) => {
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (args.action === 'list') {
      const r = await call(args, 'GET', '/scenarios');
      for (const s of r.scenarios as Array<{ name: string; description: string }>) {
        out(`${r.active.includes(s.name) ? '*' : ' '} ${s.name.padEnd(28)} ${s.description}`);
      }
    } else if (args.action === 'show') {
      out(JSON.stringify((await call(args, 'GET', '/scenario')).scenario, null, 2));
    } else if (args.action === 'use') {
      if (!args.names) throw new Error('name the scenario(s) to use, e.g. `mockchat scenario use registration-disabled`');
      const r = await call(args, 'PUT', '/scenario', { name: args.names });
      out(`active: ${r.active.join(', ') || '(none)'}`);
    } else {
      const r = await call(args, 'DELETE', '/scenario');
      out(`active: ${r.active.join(', ') || '(none)'}`);
    }
  },
};
