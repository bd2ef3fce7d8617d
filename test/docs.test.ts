import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, MOCKCHAT_ERRORS } from '../src/errors.js';

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

  it("every MOCKCHAT_ERR_ code in src/ is in the registry (MOCKCHAT_ERRORS) and in docs/errors.md", () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const used = new Set(files.flatMap((f) => readFileSync(`src/${f}`, 'utf8').match(/MOCKCHAT_ERR_[A-Z_]+/g) ?? []));
    const known = (code: string) => code in MOCKCHAT_ERRORS || code.slice('MOCKCHAT_ERR_'.length) in ERRORS;
    expect([...used].filter((code) => !known(code))).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
    const doc = readFileSync('docs/errors.md', 'utf8');
    for (const code of Object.keys(MOCKCHAT_ERRORS)) expect(doc).toContain(`\`${code}\``);
  });

  it('README opens with the two set-up commands', () => {
    const readme = readFileSync('README.md', 'utf8');
    const blocks = readme.split('```').filter((_, i) => i % 2 === 1).slice(0, 1).join('');
    expect(blocks).toContain('npm ci && npx mockchat serve');
    expect(blocks).toContain('npm test');
  });
});
