import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../src/errors.js';

describe('docs', () => {
  it('docs/errors.md is generated from the current registry', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-errors-doc.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('lists every error code and message', () => {
    const doc = readFileSync('docs/errors.md', 'utf8');
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(doc).toContain(`\`${code}\``);
      expect(doc).toContain(spec.reason.replace(/\|/g, '\\|'));
    }
  });

  it('README opens with the two set-up commands', () => {
    const readme = readFileSync('README.md', 'utf8');
    const blocks = readme.split('```').filter((_, i) => i % 2 === 1).slice(0, 1).join('');
    expect(blocks).toContain('npm ci && npx mockchat serve');
    expect(blocks).toContain('npm test');
  });
});
