import { createRequire } from 'node:module';

/**
 * `require` for the CommonJS packages mockchat loads at start-up (ws, ejson). Node 20 imports
 * CommonJS from ESM by lexing every file for its named exports first: `import 'ws'` took
 * ~70 ms at start-up against ~28 ms for `require('ws')`. Types still come from
 * `import type`, so callers write `requireCjs('ws') as typeof import('ws')`.
 */
export const requireCjs = createRequire(import.meta.url);
