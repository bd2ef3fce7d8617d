import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { interrupt, killAll, run, waitFor, waitForBanner } from '../support/run-cli.js';
import { save } from './save-file.js';

describe('mockchat serve --watch', () => {
  afterEach(killAll);

  it('prints a reload failure on stderr and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockchat-watch-cli-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'name: mine\ndescription: mine\n');
    const r = run(['serve', '--port', '0', '--watch', '--scenarios', dir]);
    try {
      const base = await waitForBanner(r);
      expect(r.stdout()).toContain('watching   specs, scenarios and seeds for changes');

      save(file, 'name: mine\nsettings: [unclosed\n');
      await waitFor(r, () => r.stderr().includes('reload failed'), 'no reload failure on stderr');
      expect(r.stderr()).toContain(`[mockchat] reload failed: ${file}: not valid YAML`);
      expect((await fetch(`${base}/api/info`)).status).toBe(200);

      save(file, 'name: mine\ndescription: fixed\n');
      await waitFor(r, () => r.stderr().includes('[mockchat] reloaded scenarios (mine.yaml)'), 'no reload message');
      const known = (await (await fetch(`${base}/__mockchat/scenarios`)).json()) as { scenarios: Array<{ name: string; description: string }> };
      expect(known.scenarios).toContainEqual({ name: 'mine', description: 'fixed' });
    } finally {
      await interrupt(r);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('MOCKCHAT_WATCH=true turns it on', async () => {
    const r = run(['serve', '--port', '0'], { MOCKCHAT_WATCH: 'true' });
    try {
      await waitFor(r, () => r.stdout().includes('Press Ctrl-C'), 'no banner');
      expect(r.stdout()).toContain('watching   specs, scenarios and seeds for changes');
    } finally {
      await interrupt(r);
    }
  });
});
