import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat, ReloadResult } from '../../src/index.js';
import { RawDdp } from '../support/ddp-client.js';
import { save } from './save-file.js';
import { client, startMockchat, type Client } from '../support/start-mockchat.js';

// Each test edits the copied files, checks the new behaviour, and puts the original back.
const tmp = mkdtempSync(join(tmpdir(), 'mockchat-watch-'));
const specsDir = join(tmp, 'specs');
const scenariosDir = join(tmp, 'scenarios');
const seedFile = join(tmp, 'seeds', 'default.json');
const scSeedFile = join(tmp, 'seeds', 'selfcommunity.json');
cpSync('specs', specsDir, { recursive: true });
cpSync('scenarios', scenariosDir, { recursive: true });
mkdirSync(join(tmp, 'seeds'));
cpSync('seeds/default.json', seedFile);
cpSync('seeds/selfcommunity.json', scSeedFile);

const SCENARIO = join(scenariosDir, 'registration-disabled.yaml');
const SPEC = join(specsDir, 'rocketchat.rest.yaml');
const originals = new Map([SCENARIO, SPEC, seedFile, scSeedFile].map((f) => [f, readFileSync(f, 'utf8')]));

const BLOCKED_ORG = 'name: registration-disabled\ndescription: "Edited while running: example.org is blocked instead."\nsettings:\n  Accounts_BlockedDomainsList: example.org\n';
const form = (n: number, domain = 'example.org') => ({ username: `jane${n}`, email: `jane${n}@${domain}`, pass: 's3cret!', name: 'Jane' });
const ddpForm = (n: number, domain = 'example.org') => ({ email: `jane${n}@${domain}`, pass: 's3cret!', name: 'Jane' });

let mock: Mockchat;
let api: Client;
let n = 0;
const sockets: RawDdp[] = [];

/** Wait until a reload of `file` has run that ended `ok` (or not), after reload number `after`. */
async function reloaded(file: string, ok: boolean, after: number, timeoutMs = 5000): Promise<ReloadResult> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { count, last } = (await api.get('/__mockchat/reload')).body as { count: number; last: ReloadResult | null };
    if (count > after && last?.file === file && last.ok === ok) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${ok ? 'successful' : 'failed'} reload of ${file}; status: ${JSON.stringify(mock.reloadStatus())}`);
}

/** `save()` then wait for its reload. */
async function edit(file: string, text: string, ok = true): Promise<ReloadResult> {
  const before = mock.reloadStatus().count;
  save(file, text);
  return reloaded(file, ok, before);
}

async function registerError(headers: Record<string, string> = {}, domain?: string): Promise<unknown> {
  const r = await api.post('/api/v1/users.register', form(++n, domain), headers);
  return r.status === 200 ? 'registered' : r.body.errorType ?? r.body.error;
}

async function ddpRegisterError(ddp: RawDdp, domain?: string): Promise<unknown> {
  try {
    await ddp.apply('registerUser', ddpForm(++n, domain));
    return 'registered';
  } catch (error) {
    return (error as { error: unknown }).error;
  }
}

beforeAll(async () => {
  mock = await startMockchat({ watch: true, specsDir, scenariosDir, seedFile, selfcommunitySeedFile: scSeedFile });
  api = client(mock);
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const [file, text] of originals) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) await edit(file, text);
  }
  mock.reset();
});

afterAll(async () => {
  await mock?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('hot reload (watch: true)', () => {
  it('reports that it watches, and nothing reloaded yet', async () => {
    expect((await api.get('/__mockchat/reload')).body).toEqual({ watching: true, count: 0, last: null });
  });

  it('an edited active scenario applies over REST and over an already-open DDP connection', async () => {
    mock.useScenario('registration-disabled');
    const ddp = await RawDdp.connect(mock.wsUrl);
    sockets.push(ddp);
    expect(await registerError()).toBe('error-user-registration-disabled');
    expect(await ddpRegisterError(ddp)).toBe('error-user-registration-disabled');

    const result = await edit(SCENARIO, BLOCKED_ORG);
    expect(result).toEqual({ ok: true, part: 'scenarios', file: SCENARIO, at: expect.any(String) });

    expect(mock.scenarios().active).toEqual(['registration-disabled']);
    expect(await registerError()).toBe('error-email-domain-blacklisted');
    expect(await ddpRegisterError(ddp)).toBe('error-email-domain-blacklisted');
    expect(await ddpRegisterError(ddp, 'example.com')).toBe('registered');
    // A per-request scenario header resolves the new definition too.
    mock.resetScenario();
    expect(await registerError({ 'x-mockchat-scenario': 'registration-disabled' })).toBe('error-email-domain-blacklisted');
  });

  it('an invalid scenario edit is reported and the previous version kept; fixing it applies', async () => {
    mock.useScenario('registration-disabled');
    const ddp = await RawDdp.connect(mock.wsUrl);
    sockets.push(ddp);

    const broken = await edit(SCENARIO, 'name: registration-disabled\nsettings: [unclosed\n', false);
    expect(broken).toMatchObject({ ok: false, part: 'scenarios', file: SCENARIO });
    expect(broken.error).toMatch(/registration-disabled\.yaml: not valid YAML/);
    expect(await registerError()).toBe('error-user-registration-disabled');
    expect(await ddpRegisterError(ddp)).toBe('error-user-registration-disabled');

    const wrongShape = await edit(SCENARIO, 'name: registration-disabled\ndescription: x\nsettings: 5\n', false);
    expect(wrongShape.error).toMatch(/registration-disabled\.yaml: \/settings must be object/);
    expect(await registerError()).toBe('error-user-registration-disabled');

    await edit(SCENARIO, BLOCKED_ORG);
    expect(await registerError()).toBe('error-email-domain-blacklisted');
    expect(await ddpRegisterError(ddp)).toBe('error-email-domain-blacklisted');
  });

  it('deleting an active scenario is reported and the scenario kept; deleting an override falls back to the packaged one', async () => {
    const mine = join(scenariosDir, 'mine.yaml');
    await edit(mine, 'name: mine\ndescription: mine\nsettings:\n  Accounts_RegistrationForm: Disabled\n');
    mock.useScenario('mine');
    expect(await registerError()).toBe('error-user-registration-disabled');
    const before = mock.reloadStatus().count;
    unlinkSync(mine);
    const result = await reloaded(mine, false, before);
    expect(result.error).toBe(`${mine}: active scenario "mine" is gone; kept the previous scenarios`);
    expect(await registerError()).toBe('error-user-registration-disabled');
    expect(mock.scenarios().known.map((s) => s.name)).toContain('mine');

    mock.useScenario('registration-disabled');
    await edit(SCENARIO, BLOCKED_ORG);
    expect(await registerError()).toBe('error-email-domain-blacklisted');
    const count = mock.reloadStatus().count;
    unlinkSync(SCENARIO);
    await reloaded(SCENARIO, true, count);
    expect(await registerError()).toBe('error-user-registration-disabled');
    expect(mock.scenarios().known.map((s) => s.name)).not.toContain('mine');
  });

  it('a seed setting change applies to the workspace, reset and new sandboxes; users stay; scenarios stay on top', async () => {
    const ddp = await RawDdp.connect(mock.wsUrl);
    sockets.push(ddp);
    expect(await registerError({}, 'example.com')).toBe('registered');
    const early = `jane${n}`;
    const headers = await api.login(early, 's3cret!');

    const seed = JSON.parse(originals.get(seedFile)!);
    seed.settings.Accounts_RegistrationForm = 'Disabled';
    seed.permissions['create-user'] = ['admin', 'user'];
    const result = await edit(seedFile, JSON.stringify(seed, null, 2));
    expect(result).toMatchObject({ ok: true, part: 'seed' });

    expect(await registerError({}, 'example.com')).toBe('error-user-registration-disabled');
    expect(await ddpRegisterError(ddp, 'example.com')).toBe('error-user-registration-disabled');
    expect(mock.users.findByUsername(early)).toBeDefined();
    expect((await api.get('/api/v1/me', headers)).body).toMatchObject({ success: true, username: early });
    expect(mock.workspace.permissions.get('create-user')?.roles).toEqual(['admin', 'user']);
    // A scenario layer still wins over the new base value.
    mock.useScenario({ name: 'open', description: 'sign-up open', settings: { Accounts_RegistrationForm: 'Public' } });
    expect(await registerError({}, 'example.com')).toBe('registered');
    // The new base is the state reset and new sandboxes start from.
    mock.reset();
    expect(mock.workspace.settings.get('Accounts_RegistrationForm')).toBe('Disabled');
    expect(await registerError({ 'x-mockchat-sandbox': 'after-seed-edit' }, 'example.com')).toBe('error-user-registration-disabled');

    // Removing the setting from the seed brings back Rocket.Chat's default.
    delete seed.settings.Accounts_RegistrationForm;
    await edit(seedFile, JSON.stringify(seed));
    expect(mock.workspace.settings.get('Accounts_RegistrationForm')).toBe('Public');
  });

  it('an invalid seed edit is reported and the previous settings kept', async () => {
    const broken = await edit(seedFile, '{"settings": {"Accounts_RegistrationForm": "Disabled"', false);
    expect(broken).toMatchObject({ part: 'seed', error: expect.stringContaining(seedFile) });
    const wrongType = await edit(seedFile, JSON.stringify({ settings: { Accounts_RegistrationForm: ['Disabled'] } }), false);
    expect(wrongType.error).toBe(`${seedFile}: settings.Accounts_RegistrationForm must be a string, number or boolean`);
    expect(mock.workspace.settings.get('Accounts_RegistrationForm')).toBe('Public');
    expect(await registerError({}, 'example.com')).toBe('registered');
  });

  it('a SelfCommunity seed edit applies its preferences; its users stay', async () => {
    const users = mock.selfcommunity.users.size;
    const seed = JSON.parse(originals.get(scSeedFile)!);
    seed.preferences['addons.invite_code'] = true;
    expect(mock.selfcommunity.preferenceOn('addons.invite_code')).toBe(false);
    expect(await edit(scSeedFile, JSON.stringify(seed))).toMatchObject({ ok: true, part: 'selfcommunity-seed' });
    expect(mock.selfcommunity.preferenceOn('addons.invite_code')).toBe(true);
    expect(mock.selfcommunity.users.size).toBe(users);
    mock.reset();
    expect(mock.selfcommunity.preferenceOn('addons.invite_code')).toBe(true);
  });

  it('a spec edit changes request validation; a broken spec is reported and the old one kept', async () => {
    const noName = { username: `nameless${++n}`, email: `nameless${n}@example.com`, pass: 's3cret!' };
    expect((await api.post('/api/v1/users.register', noName)).body).toEqual({ success: false, error: "Match error: Missing key 'name'" });

    const required = originals.get(SPEC)!.replace('required: [username, email, pass]', 'required: [username, email, pass, name]');
    expect(required).not.toBe(originals.get(SPEC));
    expect(await edit(SPEC, required)).toMatchObject({ ok: true, part: 'specs' });
    expect((await api.post('/api/v1/users.register', noName)).body).toEqual({
      success: false,
      error: "must have required property 'name' [invalid-params]",
      errorType: 'invalid-params',
    });

    const broken = await edit(SPEC, `${required}\n  : : [`, false);
    expect(broken.error).toContain('rocketchat.rest.yaml');
    const danglingRef = required.replace('required: [username, email, pass, name]', "required: [username, email, pass, name]\n              $ref: '#/components/schemas/Nope'");
    expect((await edit(SPEC, danglingRef, false)).error).toMatch(/rocketchat\.rest\.yaml: .*Nope/);
    expect((await api.post('/api/v1/users.register', noName)).body.errorType).toBe('invalid-params');
  });

  it('a spec file dropped into the directory is served at once; removing it takes its routes away', async () => {
    const extra = join(specsDir, 'extra.yaml');
    const doc = [
      'openapi: 3.1.0',
      'info: { title: extra, version: "1" }',
      'paths:',
      '  /api/v1/extra.ping:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: pong',
      '          content:',
      '            application/json:',
      '              schema: { type: object }',
      '              example: { pong: true, success: true }',
      '',
    ].join('\n');
    expect((await api.get('/api/v1/extra.ping')).status).toBe(404);
    expect(await edit(extra, doc)).toMatchObject({ ok: true, part: 'specs' });
    expect(await api.get('/api/v1/extra.ping')).toMatchObject({ status: 200, body: { pong: true, success: true } });
    const before = mock.reloadStatus().count;
    unlinkSync(extra);
    await reloaded(extra, true, before);
    expect((await api.get('/api/v1/extra.ping')).status).toBe(404);
  }, 30_000);

  it('a DDP contract edit applies to an already-open connection', async () => {
    const contract = join(specsDir, 'rocketchat.ddp.yaml');
    const original = readFileSync(contract, 'utf8');
    const ddp = await RawDdp.connect(mock.wsUrl);
    sockets.push(ddp);
    const tooShort = original.replace(/(  setUsername:\n(?:.*\n)*?        - type: string)\n/, '$1\n          minLength: 50\n');
    expect(tooShort).not.toBe(original);
    try {
      expect(await edit(contract, tooShort)).toMatchObject({ ok: true, part: 'specs' });
      await expect(ddp.apply('setUsername', 'short-name')).rejects.toMatchObject({ error: 400, reason: 'Match failed' });
    } finally {
      await edit(contract, original);
    }
    await expect(ddp.apply('setUsername', 'short-name')).rejects.not.toMatchObject({ reason: 'Match failed' });
    // Past the contract again, the method itself answers: an anonymous connection has no user.
    await expect(ddp.apply('setUsername', 'short-name')).rejects.toMatchObject({ error: 'error-invalid-user' });
  });
});

describe('close() with watch: true', () => {
  it('stops watching: later edits reload nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockchat-watch-close-'));
    try {
      const own = await startMockchat({ watch: true, scenariosDir: dir });
      expect(own.reloadStatus().watching).toBe(true);
      await own.close();
      expect(own.reloadStatus()).toEqual({ watching: false, count: 0, last: null });
      save(join(dir, 'late.yaml'), 'name: late\ndescription: late\n');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(own.reloadStatus().count).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without watch the status says so', async () => {
    const own = await startMockchat();
    try {
      expect((await client(own).get('/__mockchat/reload')).body).toEqual({ watching: false, count: 0, last: null });
    } finally {
      await own.close();
    }
  });
});
