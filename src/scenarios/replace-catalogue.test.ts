import { describe, expect, it } from 'vitest';
import { Workspace } from '../rocketchat/workspace.js';
import { ScenarioController } from './scenario-controller.js';
import type { Scenario } from './scenario.js';

const scenario = (name: string, form: string): Scenario => ({ name, description: name, settings: { Accounts_RegistrationForm: form } });
const catalogue = (...list: Scenario[]) => new Map(list.map((s) => [s.name, s]));

describe('ScenarioController.replaceCatalogue (hot reload)', () => {
  it('gives base and active catalogue scenarios their new definitions and re-applies the layer', () => {
    const ws = new Workspace();
    const c = new ScenarioController(ws, catalogue(scenario('a', 'Disabled'), scenario('b', 'Public')), 'a');
    c.use(['a', 'b']);
    c.replaceCatalogue(catalogue(scenario('a', 'Disabled'), scenario('b', 'Secret URL')));
    expect(ws.settings.get('Accounts_RegistrationForm')).toBe('Secret URL');
    expect(c.activeNames()).toEqual(['a', 'b']);
    c.replaceCatalogue(catalogue(scenario('a', 'Public'), scenario('b', 'Secret URL')));
    c.reset();
    expect(ws.settings.get('Accounts_RegistrationForm')).toBe('Public');
  });

  it('keeps inline values, even one named like a catalogue scenario', () => {
    const ws = new Workspace();
    const c = new ScenarioController(ws, catalogue(scenario('a', 'Disabled')));
    c.use(scenario('a', 'Secret URL'));
    const next = catalogue(scenario('a', 'Public'));
    expect(c.missingFrom(new Map())).toEqual([]);
    c.replaceCatalogue(next);
    expect(ws.settings.get('Accounts_RegistrationForm')).toBe('Secret URL');
    expect(c.list()).toEqual([...next.values()]);
  });

  it('names base and active catalogue scenarios a new catalogue lacks', () => {
    const c = new ScenarioController(new Workspace(), catalogue(scenario('a', 'Disabled'), scenario('b', 'Public'), scenario('c', 'Public')), 'a');
    c.use('b');
    expect(c.missingFrom(catalogue(scenario('c', 'Public')))).toEqual(['a', 'b']);
    expect(c.missingFrom(catalogue(scenario('a', 'Public'), scenario('b', 'Public')))).toEqual([]);
  });
});
