import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../rocketchat/workspace.js';
import { loadScenarios } from './load-scenarios.js';
import { ScenarioController } from './scenario-controller.js';
import { composeScenarios, faultsFor } from './scenario.js';

const SCHEMA = 'scenarios/scenario.schema.json';
const shipped = () => loadScenarios(['scenarios'], SCHEMA);

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mockchat-scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadScenarios', () => {
  it('ships a schema that is valid against the 2020-12 meta-schema (run time skips that check)', () => {
    const ajv = new Ajv2020Module.default({ strict: false });
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as object;
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('loads every shipped scenario', () => {
    const names = [...shipped().keys()].sort();
    expect(names).toEqual([
      'blocked-email-domain', 'custom-fields', 'custom-fields-invalid-json', 'email-verification', 'flaky-websocket', 'manual-approval',
      'name-required', 'password-policy', 'permission-denied', 'rate-limited', 'registration-disabled', 'secret-url-only', 'selfcommunity-invite-only', 'selfcommunity-metadata', 'selfcommunity-promo',
      'server-errors', 'slow-network',
    ]);
  });

  it.each([
    ['bad.yaml', 'name: bad\ndescription: x\nsettings: { A: [1] }\n', /bad\.yaml: \/settings\/A must be string,number,boolean/],
    ['typo.yaml', 'name: typo\ndescription: x\nsetings: {}\n', /typo\.yaml: \(top level\) must NOT have additional properties "setings"/],
    ['lat.yaml', 'name: lat\ndescription: x\nfaults: [{ route: "*", latency: fast }]\n', /lat\.yaml: \/faults\/0\/latency must be integer/],
    ['other.yaml', 'name: different\ndescription: x\n', /other\.yaml: \/name is "different" but must match the file name "other"/],
    ['broken.yaml', 'name: [\n', /broken\.yaml: not valid YAML/],
  ])('rejects %s with the file, the field and the expectation', (file, text, message) => {
    expect(() => loadScenarios([dirWith({ [file]: text })], SCHEMA)).toThrow(message);
  });

  it('lets a user directory add and replace scenarios', () => {
    const dir = dirWith({ 'slow-network.yaml': 'name: slow-network\ndescription: mine\n', 'mine.yaml': 'name: mine\ndescription: x\n' });
    const all = loadScenarios(['scenarios', dir], SCHEMA);
    expect(all.get('slow-network')?.description).toBe('mine');
    expect(all.has('mine')).toBe(true);
  });
});

describe('composeScenarios and faults', () => {
  it('later scenarios win; faults add up with the later first', () => {
    const c = composeScenarios([
      { name: 'a', description: 'A', settings: { X: 1, Y: 1 }, rateLimits: true, faults: [{ route: '*', latency: 1 }] },
      { name: 'b', description: 'B', settings: { Y: 2 }, permissions: { p: [] }, faults: [{ method: 'login', drop: true }] },
    ]);
    expect(c.settings).toEqual({ X: 1, Y: 2 });
    expect(c.rateLimits).toBe(true);
    expect(c.faults).toEqual([{ method: 'login', drop: true }, { route: '*', latency: 1 }]);
    expect(faultsFor(c, { route: '/api/v1/login' })).toEqual([{ route: '*', latency: 1 }]);
    expect(faultsFor(c, { method: 'login' })).toEqual([{ method: 'login', drop: true }]);
    expect(faultsFor(c, { method: 'logout' })).toEqual([]);
  });
});

describe('ScenarioController', () => {
  it('lays the active set over the workspace and resets to the base', () => {
    const ws = new Workspace();
    const ctl = new ScenarioController(ws, shipped(), 'rate-limited');
    expect(ws.rateLimits).toBe(true);
    ctl.use('registration-disabled,password-policy');
    expect(ws.settings.get('Accounts_RegistrationForm')).toBe('Disabled');
    expect(ws.settings.get('Accounts_Password_Policy_Enabled')).toBe(true);
    expect(ws.rateLimits).toBe(false);
    ctl.reset();
    expect(ctl.activeNames()).toEqual(['rate-limited']);
    expect(ws.settings.get('Accounts_RegistrationForm')).toBe('Public');
  });

  it('scopes a per-request set to a view without touching the workspace', () => {
    const ws = new Workspace();
    const ctl = new ScenarioController(ws, shipped());
    const { ws: view } = ctl.scoped('registration-disabled');
    expect(view.settings.get('Accounts_RegistrationForm')).toBe('Disabled');
    expect(ws.settings.get('Accounts_RegistrationForm')).toBe('Public');
    ws.settings.set('Accounts_RequireNameForSignUp', false);
    expect(view.settings.get('Accounts_RequireNameForSignUp')).toBe(false);
    expect(view.users).toBe(ws.users);
    expect(ctl.scoped('registration-disabled').ws).toBe(view);
  });

  it('accepts values and says which names are known', () => {
    const ctl = new ScenarioController(new Workspace(), shipped());
    expect(ctl.use({ name: 'inline', description: 'x', settings: { Accounts_RegistrationForm: 'Disabled' } }).name).toBe('inline');
    expect(() => ctl.use('rate-limitd')).toThrow(/Unknown scenario "rate-limitd"\. Known: blocked-email-domain, .*rate-limited/);
  });
});
