import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const EXAMPLE = 'docs/examples/jest.example.test.mjs';
const CONFIG = 'docs/examples/jest.config.json';

interface Run {
  code: number | null;
  output: string;
}

/** Run jest (native ESM, no transform) on the documented example, as a user would. */
function runJest(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', FORCE_COLOR: '0', NODE_OPTIONS: '' };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
    const child = spawn(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the jest example (docs/examples/jest.example.test.mjs)', () => {
  it('uses a jest pinned to an exact version whose engines allow Node 20', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    const pinned = pkg.devDependencies.jest;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = require('jest/package.json') as { version: string; engines: { node: string } };
    expect(installed.version).toBe(pinned);
    // Node 20 satisfies the range (e.g. `>=18.0.0` or `^20.x`). jest 29, not 30: jest 30's
    // unrs-resolver platform packages leave package-lock.json out of sync for `npm ci`.
    expect(installed.engines.node).toMatch(/\^20\.|>=1[4-8]\./);
  });

  it('imports the built package and only jest globals', () => {
    expect(existsSync('dist/index.js'), 'run `npm run build` first (npm test does)').toBe(true);
    const source = readFileSync(EXAMPLE, 'utf8');
    expect(source).toContain("from '../../dist/index.js'");
    expect(source).not.toContain('vitest');
    expect(source).toContain('JEST_WORKER_ID');
    expect(JSON.parse(readFileSync(CONFIG, 'utf8'))).toMatchObject({ transform: {}, testEnvironment: 'node' });
  });

  it('runs under jest and passes', async () => {
    const { code, output } = await runJest(['--config', CONFIG, '--ci', '--colors=false']);
    expect(output).toContain(`PASS ${EXAMPLE}`);
    expect(output).toMatch(/Tests:\s+4 passed, 4 total/);
    expect(output).not.toMatch(/\bFAIL\b/);
    expect(code, output).toBe(0);
  }, 30_000);

  it('runs with the command documented in docs/testing.md (--rootDir and --testMatch)', async () => {
    const doc = readFileSync('docs/testing.md', 'utf8');
    expect(doc).toContain('node --experimental-vm-modules node_modules/jest/bin/jest.js --config docs/examples/jest.config.json');
    const { code, output } = await runJest(['--rootDir', 'docs/examples', '--testMatch', '**/jest.example.test.mjs', '--config', '{"transform":{},"testEnvironment":"node"}', '--ci']);
    expect(output).toMatch(/Tests:\s+4 passed, 4 total/);
    expect(code, output).toBe(0);
  }, 30_000);
});
