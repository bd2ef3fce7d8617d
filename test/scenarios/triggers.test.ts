import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Scenario, Trigger } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { useMockchat } from '../support/start-mockchat.js';

// Replays every trigger of every shipped scenario: the answers in docs/scenarios.md are real.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'scenarios');

const scenarios: Scenario[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parse(readFileSync(join(DIR, f), 'utf8')) as Scenario);

interface Row {
  label: string;
  scenario: Scenario;
  index: number;
}

const rows: Row[] = scenarios.flatMap((scenario) =>
  (scenario.triggers ?? []).map((t, index) => ({ label: `${scenario.name} #${index + 1} ${t.api} ${String(t.request.path ?? t.request.method)}`, scenario, index })),
);

/** The answer of one trigger, in the shape of its `response`. */
type Answer = { status: number; body: any } | { result?: unknown; error?: any };

/** Seconds and timeToReset of rate-limit answers drift by a second; compare them loosely. */
function loosen(value: any): any {
  if (typeof value === 'string') return value.replace(/You must wait \d+ seconds/g, 'You must wait N seconds');
  if (Array.isArray(value)) return value.map(loosen);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'timeToReset' ? 'N' : loosen(v)]));
  }
  return value;
}

/** A successful REST answer carries the new user's `_id`, which the trigger leaves out. */
function withUserId(body: any): any {
  if (body && typeof body === 'object' && body.user && typeof body.user === 'object' && !('_id' in body.user)) {
    return { ...body, user: { _id: expect.any(String), ...body.user } };
  }
  return body;
}

describe('scenario triggers (docs/scenarios.md)', () => {
  const t = useMockchat();

  async function replay(trigger: Trigger, auth: Record<string, string>): Promise<Answer> {
    const req = trigger.request as { method: string; path?: string; body?: unknown; headers?: Record<string, string>; params?: unknown[]; repeat?: number; auth?: string };
    const times = req.repeat ?? 1;
    if (trigger.api === 'ddp') {
      const ddp = await RawDdp.connect(t.mock.wsUrl);
      t.sockets.push(ddp);
      let frame: Record<string, any> = {};
      for (let i = 0; i < times; i++) frame = (await ddp.call(req.method, ...(req.params ?? []))).result;
      const { msg: _msg, id: _id, ...rest } = frame;
      return rest;
    }
    let res = { status: 0, body: undefined as any };
    for (let i = 0; i < times; i++) {
      const headers = { ...req.headers, ...(req.auth === 'admin' ? auth : {}) };
      res = await t.api.call(req.method, req.path!, req.body, headers);
    }
    return { status: res.status, body: res.body };
  }

  it('ships triggers for every scenario except the transport-only ones', () => {
    const without = scenarios.filter((s) => !s.triggers?.length).map((s) => s.name);
    expect(without).toEqual(['flaky-websocket', 'slow-network']);
    expect(rows.length).toBeGreaterThanOrEqual(18);
  });

  it.each(rows)('$label', async ({ scenario, index }) => {
    const triggers = scenario.triggers!;
    // Log in before the scenario changes the workspace (the admin is unaffected by it anyway).
    const needsAdmin = triggers.slice(0, index + 1).some((trigger) => trigger.request.auth === 'admin');
    const auth = needsAdmin ? await t.api.login('admin', 'admin') : {};

    t.mock.useScenario(scenario.name);
    expect(t.mock.scenarios().active).toEqual([scenario.name]);

    // Earlier triggers set the stage (manual-approval registers jane, then her login is refused).
    for (const earlier of triggers.slice(0, index)) await replay(earlier, auth);
    const trigger = triggers[index];
    const answer = await replay(trigger, auth);

    if (scenario.rateLimits) {
      const error = 'error' in answer ? answer.error : undefined;
      if (trigger.api === 'ddp') {
        expect(error?.error).toBe('too-many-requests');
        expect(error?.reason).toMatch(/You must wait \d+ seconds/);
        expect(error?.details?.timeToReset).toBeGreaterThan(55_000);
        expect(error?.details?.timeToReset).toBeLessThanOrEqual(60_000);
      } else {
        expect((answer as { body: any }).body.error).toMatch(/You must wait \d+ seconds/);
      }
      expect(loosen(answer)).toEqual(loosen(trigger.response));
      return;
    }

    if (trigger.api === 'ddp') {
      expect(answer).toEqual(trigger.response);
    } else {
      const expected = trigger.response as { status: number; body: unknown };
      expect(answer).toEqual({ status: expected.status, body: withUserId(expected.body) });
    }
  });

  it('docs/scenarios.md is generated from the current scenario files', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-scenarios-doc.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
