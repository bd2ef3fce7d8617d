// Writes docs/scenarios.md from scenarios/*.yaml (their settings, permissions, faults and
// triggers with exact answers). `--check` fails when the committed file is stale.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { load as parse } from 'js-yaml';

const dir = new URL('../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const code = (v) => `\`${JSON.stringify(v)}\``;

const sections = files.map((file) => {
  const s = parse(readFileSync(new URL(file, dir), 'utf8'));
  const lines = [`## \`${s.name}\``, '', s.description, ''];
  for (const [k, v] of Object.entries(s.settings ?? {})) lines.push(`- setting \`${k}\` = ${code(v)}`);
  for (const [k, v] of Object.entries(s.permissions ?? {})) lines.push(`- permission \`${k}\` held by ${v.length ? v.map((r) => `\`${r}\``).join(', ') : 'no role'}`);
  if (s.rateLimits !== undefined) lines.push(`- rate limits ${s.rateLimits ? 'on' : 'off'}`);
  for (const [k, v] of Object.entries(s.selfcommunity?.preferences ?? {})) lines.push(`- SelfCommunity preference \`${k}\` = ${code(v)}`);
  for (const [k, v] of Object.entries(s.selfcommunity?.features ?? {})) lines.push(`- SelfCommunity feature \`${k}\` = ${code(v)}`);
  for (const [k, v] of Object.entries(s.selfcommunity?.metadata ?? {})) lines.push(`- SelfCommunity metadata field \`${k}\`: ${code(v)}`);
  for (const f of s.faults ?? []) lines.push(`- fault ${code(f)}`);
  for (const t of s.triggers ?? []) {
    lines.push('', `**${t.api}** ${code(t.request)}`, '', '```json', JSON.stringify(t.response, null, 2), '```');
  }
  return lines.join('\n');
});

const text = `# Scenarios

A scenario is plain data laid over the emulated workspace: Rocket.Chat setting overrides,
permission overrides, rate limits and faults. The errors then come from the same rules as
everywhere else, over REST, DDP and the \`method.call\` bridge alike. This page is generated
from \`scenarios/*.yaml\` (\`npm run docs:scenarios\`); each trigger below is replayed by the test
suite, so the answers shown are the answers you get.

## Switching

| From | How |
| --- | --- |
| start-up | \`mockchat serve --scenario a,b\` (later ones win) or \`createMockchat({ scenario: 'a,b' })\` |
| one REST request | header \`X-Mockchat-Scenario: a,b\` (also on \`method.call\`/\`method.callAnon\`) |
| one DDP connection | \`ws://host/websocket?scenario=a,b\` |
| admin API | \`GET /__mockchat/scenarios\`, \`GET\`/\`PUT\`/\`DELETE /__mockchat/scenario\` (see docs/admin-api.md) |
| CLI | \`mockchat scenario list\`, \`mockchat scenario use a,b\`, \`mockchat scenario reset\` (\`--url\`) |
| test runner | \`mock.useScenario('a')\` or \`mock.useScenario({ name, description, settings })\`, \`mock.resetScenario()\`, \`mock.scenarios()\` |

Per-request and per-connection scenarios are laid over the active set and touch nothing else,
so parallel tests do not disturb each other. An unknown name is an error listing the known names.

## Writing your own

Drop \`NAME.yaml\` into \`scenarios/\` or a directory given with \`--scenarios DIR\`; the file is checked
against [\`scenarios/scenario.schema.json\`](../scenarios/scenario.schema.json) at start (add
\`# yaml-language-server: $schema=./scenario.schema.json\` for editor completion). Fields: \`name\`
(= file name), \`description\`, \`settings\`, \`permissions\` (permission → roles), \`rateLimits\`,
\`selfcommunity\` (\`preferences\`, \`features\`, \`metadata\` definitions; see docs/selfcommunity.md),
\`faults\` (\`route\` and/or \`method\`, \`probability\`, \`latency\` ms or \`{min,max}\`, \`status\` + \`body\`,
\`drop\`, \`withholdResult\`, \`ignorePings\`), \`triggers\` (request → exact response, for docs and tests).

${sections.join('\n\n')}
`;

const target = new URL('../docs/scenarios.md', import.meta.url);
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('docs/scenarios.md is stale: run `npm run docs:scenarios`');
    process.exit(1);
  }
} else writeFileSync(target, text);
