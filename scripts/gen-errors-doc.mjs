// Writes docs/errors.md from the error registry in src/errors.ts (run after `npm run build`).
// `node scripts/gen-errors-doc.mjs --check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { ERRORS, MOCKCHAT_ERRORS } from '../dist/errors.js';

const WIRE = {
  meteor: 'REST `{success:false, error:"<reason> [<id>]", errorType:<id>, details?}`; DDP Meteor error object',
  failure: 'REST `{success:false, error:"<reason>"}` (plus `errorType` when an id is listed)',
  policy: 'REST `{success:false, error:"<reason>", errorType:<id>, details:[…]}` (no suffix); DDP `Internal server error [500]`',
};

const rows = Object.entries(ERRORS).map(([code, e]) => `| \`${code}\` | ${e.id === undefined ? '—' : `\`${e.id}\``} | ${e.status} | ${e.reason.replace(/\|/g, '\\|')} | ${e.kind} | ${e.source} |`);
const text = `# Errors

Every error mockchat emits comes from one registry, \`src/errors.ts\`; this page is generated from
it (\`npm run docs:errors\`) and a test fails when it is stale. \`{name}\` marks a value filled in
from the request.

| Code (mockchat) | Rocket.Chat id (\`errorType\`) | REST status | Message (\`reason\`) | Kind | Where Rocket.Chat throws it |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## How each kind travels

${Object.entries(WIRE).map(([k, v]) => `- **${k}**: ${v}.`).join('\n')}
- **match** (Meteor \`check()\` failures): REST \`{success:false, error:"Match error: …"}\`; DDP \`Match failed [400]\`;
  the \`method.call\` bridge carries the unsanitised Match.Error with its \`sanitizedError\`.

## Envelopes that are not in the registry
- 401 on auth-required routes: \`{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}\`.
- 401 on \`POST /api/v1/login\`: \`{"success":false,"error":"Unauthorized","status":"error","message":"Unauthorized"}\`; for
  \`validateLoginAttempt\` errors, \`error\` is the id, \`message\` the reason, plus \`details\`.
- 403 for a route's required permission: \`{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}\`.
- 404 for an unknown route: \`{"success":false,"error":"Resource not found"}\`.
- 413 for a body over the limit (\`--body-limit\`, default 1 MiB): \`{"success":false,"error":"Request body exceeds the limit of N bytes"}\`.
- 429 when rate limits are on: \`{"success":false,"error":"Error, too many requests. Please slow down. You must wait N seconds before trying this endpoint again."}\`
  with \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\`, \`X-RateLimit-Reset\`.
- \`users.register\` custom-field errors: the raw Meteor error object plus \`success:false\`
  (\`{isClientSafe, error, reason, details, message, errorType:"Meteor.Error", success:false}\`), as Rocket.Chat's route passes the error object to \`API.v1.failure\`.

## mockchat's own errors

Configuration, the admin surface and transport limits (\`MOCKCHAT_ERRORS\` in \`src/errors.ts\`). The
admin API answers them as \`{"error":{"code":"MOCKCHAT_ERR_…","message":"[mockchat] …"}}\`; on the
product APIs (limits, a bad sandbox or scenario header) they travel in the product's own format, the
code as Rocket.Chat's \`errorType\`. The data API refuses a write the workspace refuses with the
registry code under mockchat's prefix (e.g. \`MOCKCHAT_ERR_FIELD_UNAVAILABLE\`).

| Code | When |
| --- | --- |
${Object.entries(MOCKCHAT_ERRORS).map(([code, when]) => `| \`${code}\` | ${when.replace(/\|/g, '\\|')} |`).join('\n')}
`;

if (process.argv.includes('--check')) {
  if (readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8') !== text) {
    console.error('docs/errors.md is stale: run `npm run docs:errors`');
    process.exit(1);
  }
} else {
  writeFileSync(new URL('../docs/errors.md', import.meta.url), text);
}
