import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { save } from './save-file.js';

// Runs the built CLI: `npm run build` first.
describe('mockchat serve --watch', () => {
  it('prints a reload failure on stderr and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockchat-watch-cli-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'name: mine\ndescription: mine\n');
    const child = spawn(process.execPath, ['dist/cli/bin.js', 'serve', '--port', '0', '--watch', '--scenarios', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const until = async (done: () => boolean, what: string) => {
      for (const started = Date.now(); !done(); await new Promise((r) => setTimeout(r, 25))) {
        if (Date.now() - started > 10_000 || child.exitCode !== null) throw new Error(`${what}; stdout: ${out} stderr: ${err}`);
      }
    };
    try {
      await until(() => /http:\/\/\S+\/api\/v1/.test(out), 'no banner');
      expect(out).toContain('watching   specs, scenarios and seeds for changes');
      const base = /(http:\/\/\S+?)\/api\/v1/.exec(out)![1];

      save(file, 'name: mine\nsettings: [unclosed\n');
      await until(() => err.includes('reload failed'), 'no reload failure on stderr');
      expect(err).toContain(`[mockchat] reload failed: ${file}: not valid YAML`);
      expect((await fetch(`${base}/api/info`)).status).toBe(200);

      save(file, 'name: mine\ndescription: fixed\n');
      await until(() => err.includes('[mockchat] reloaded scenarios (mine.yaml)'), 'no reload message');
      const known = (await (await fetch(`${base}/__mockchat/scenarios`)).json()) as { scenarios: Array<{ name: string; description: string }> };
      expect(known.scenarios).toContainEqual({ name: 'mine', description: 'fixed' });
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('MOCKCHAT_WATCH=true turns it on', async () => {
    const child = spawn(process.execPath, ['dist/cli/bin.js', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOCKCHAT_WATCH: 'true' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      for (const started = Date.now(); !out.includes('Press Ctrl-C'); await new Promise((r) => setTimeout(r, 25))) {
        if (Date.now() - started > 10_000 || child.exitCode !== null) throw new Error(`no banner: ${out}`);
      }
      expect(out).toContain('watching   specs, scenarios and seeds for changes');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    }
  });
});
