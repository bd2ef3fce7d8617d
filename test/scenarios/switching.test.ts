import { readdirSync } from 'node:fs';
import EJSON from 'ejson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mockchat } from '../../src/index.js';
import { RawDdp, refusedUpgrade } from '../support/ddp-client.js';
import { client, startMockchat, useMockchat } from '../support/start-mockchat.js';

// Every way to switch scenarios, and composition (later ones win).
const SHIPPED = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
const KNOWN = /Known: blocked-email-domain, custom-fields, .*registration-disabled, secret-url-only, selfcommunity-invite-only, selfcommunity-metadata, selfcommunity-promo, server-errors, slow-network\./;

const REGISTER = '/api/v1/users.register';
const form = (n: number, extra: Record<string, unknown> = {}) => ({ email: `user${n}@example.com`, pass: 'S3cret-pass!', name: `User ${n}`, ...extra });
const registerBody = (n: number, extra: Record<string, unknown> = {}) => ({ username: `user${n}`, ...form(n, extra) });
const DISABLED_REST = { success: false, error: 'User registration is disabled [error-user-registration-disabled]', errorType: 'error-user-registration-disabled', details: { method: 'registerUser' } };
const SECRET_REST = { success: false, error: 'User registration is only allowed via Secret URL [error-user-registration-secret]', errorType: 'error-user-registration-secret', details: { method: 'registerUser' } };
const meteor = (error: string, reason: string) => ({ isClientSafe: true, error, reason, message: `${reason} [${error}]`, errorType: 'Meteor.Error', details: { method: 'registerUser' } });
const DISABLED_DDP = meteor('error-user-registration-disabled', 'User registration is disabled');

describe('scenario switching', () => {
  const t = useMockchat();
  const connect = async (url: string) => {
    const ddp = await RawDdp.connect(url);
    t.sockets.push(ddp);
    return ddp;
  };
  const admin = (method: string, path: string, body?: unknown) => t.api.call(method, `/__mockchat${path}`, body);

  describe('(a) base scenario from the start-up options', () => {
    let based: Mockchat;
    beforeAll(async () => {
      based = await startMockchat({ scenario: 'registration-disabled' });
    });
    afterAll(async () => {
      await based.close();
    });

    it('is active from the start, and resetScenario()/reset() return to it', async () => {
      expect(based.scenarios().active).toEqual(['registration-disabled']);
      expect(await client(based).post(REGISTER, registerBody(1))).toMatchObject({ status: 400, body: DISABLED_REST });
      based.useScenario('secret-url-only');
      expect((await client(based).post(REGISTER, registerBody(1))).body).toEqual(SECRET_REST);
      expect(based.resetScenario().name).toBe('registration-disabled');
      expect(based.scenarios().active).toEqual(['registration-disabled']);
      expect((await client(based).post(REGISTER, registerBody(1))).body).toEqual(DISABLED_REST);
      based.useScenario([]);
      expect((await client(based).post(REGISTER, registerBody(1))).status).toBe(200);
      based.reset();
      expect(based.scenarios().active).toEqual(['registration-disabled']);
    });
  });

  describe('(b) X-Mockchat-Scenario header', () => {
    it('affects only the request that carries it', async () => {
      const [withHeader, without] = await Promise.all([
        t.api.post(REGISTER, registerBody(1), { 'X-Mockchat-Scenario': 'registration-disabled' }),
        t.api.post(REGISTER, registerBody(2)),
      ]);
      expect({ status: withHeader.status, body: withHeader.body }).toEqual({ status: 400, body: DISABLED_REST });
      expect(without.status).toBe(200);
      expect(t.mock.scenarios().active).toEqual([]);
      expect(t.mock.workspace.settings.get('Accounts_RegistrationForm')).toBe('Public');
    });

    it('does not spend the rate-limit budget of requests outside its scope', async () => {
      const scoped = { 'X-Mockchat-Scenario': 'rate-limited' };
      expect((await t.api.post(REGISTER, registerBody(1), scoped)).status).toBe(200);
      expect((await t.api.post(REGISTER, registerBody(2), scoped)).status).toBe(429);
      // The active set had no rate-limited request yet: its first registration is allowed.
      t.mock.useScenario('rate-limited');
      expect((await t.api.post(REGISTER, registerBody(3))).status).toBe(200);
    });

    it('works on method.callAnon', async () => {
      const message = EJSON.stringify({ msg: 'method', id: '1', method: 'registerUser', params: [form(1)] });
      const res = await t.api.post('/api/v1/method.callAnon/registerUser', { message }, { 'X-Mockchat-Scenario': 'registration-disabled' });
      expect(res.status).toBe(200);
      expect(EJSON.parse(res.body.message)).toEqual({ msg: 'result', id: '1', error: DISABLED_DDP });
      const plain = await t.api.post('/api/v1/method.callAnon/registerUser', { message });
      expect(EJSON.parse(plain.body.message)).toEqual({ msg: 'result', id: '1', result: expect.any(String) });
    });

    it('answers 400 listing the known names for an unknown scenario', async () => {
      const res = await t.api.post(REGISTER, registerBody(1), { 'X-Mockchat-Scenario': 'nope' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, error: expect.stringContaining('Unknown scenario "nope"') });
      expect(res.body.error).toMatch(KNOWN);
      expect(t.mock.users.findByUsername('user1')).toBeUndefined();
    });
  });

  describe('(c) ?scenario= on the WebSocket URL', () => {
    it('affects only that connection', async () => {
      const [scoped, plain] = await Promise.all([connect(`${t.mock.wsUrl}?scenario=registration-disabled`), connect(t.mock.wsUrl)]);
      const [a, b] = await Promise.all([scoped.call('registerUser', form(1)), plain.call('registerUser', form(2))]);
      expect(a.result).toEqual({ msg: 'result', id: expect.any(String), error: DISABLED_DDP });
      expect(b.result).toEqual({ msg: 'result', id: expect.any(String), result: expect.any(String) });
      expect(t.mock.users.findByEmail('user2@example.com')?._id).toBe(b.result.result);
    });

    it('refuses the upgrade (HTTP 400) for an unknown scenario', async () => {
      const { status, body } = await refusedUpgrade(`${t.mock.wsUrl}?scenario=nope`);
      expect(status).toBe(400);
      // The body REST gives for the same name in X-Mockchat-Scenario (below).
      expect(JSON.parse(body)).toEqual({ success: false, error: expect.stringContaining('Unknown scenario "nope"'), errorType: 'MOCKCHAT_ERR_SCENARIO' });
      expect(JSON.parse(body).error).toMatch(KNOWN);
    });
  });

  describe('(d) admin API', () => {
    it('GET /__mockchat/scenarios lists every scenario and the active set', async () => {
      const res = await admin('GET', '/scenarios');
      expect(res.status).toBe(200);
      expect(res.body.active).toEqual([]);
      expect(res.body.scenarios).toHaveLength(17);
      expect(res.body.scenarios.map((s: { name: string }) => s.name)).toEqual(SHIPPED);
      for (const s of res.body.scenarios) expect(s).toEqual({ name: expect.any(String), description: expect.stringMatching(/\S/) });
    });

    it('PUT switches at once for open DDP connections; GET shows it; DELETE resets', async () => {
      const ddp = await connect(t.mock.wsUrl);
      expect((await ddp.call('registerUser', form(1))).result.result).toEqual(expect.any(String));

      const put = await admin('PUT', '/scenario', { name: 'registration-disabled' });
      expect(put).toMatchObject({ status: 200, body: { active: ['registration-disabled'] } });
      expect((await ddp.call('registerUser', form(2))).result.error).toEqual(DISABLED_DDP);

      const get = await admin('GET', '/scenario');
      expect(get.status).toBe(200);
      expect(get.body).toEqual({
        active: ['registration-disabled'],
        scenario: expect.objectContaining({ name: 'registration-disabled', settings: { Accounts_RegistrationForm: 'Disabled' } }),
      });

      expect(await admin('DELETE', '/scenario')).toMatchObject({ status: 200, body: { active: [] } });
      expect((await ddp.call('registerUser', form(3))).result.result).toEqual(expect.any(String));
    });

    it('PUT with an unknown name answers 400 listing the known names', async () => {
      const res = await admin('PUT', '/scenario', { name: 'nope' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('Unknown scenario "nope"');
      expect(res.body.error.message).toMatch(KNOWN);
      expect(t.mock.scenarios().active).toEqual([]);
    });

    it('PUT takes an inline scenario value and checks it against the schema', async () => {
      const ok = await admin('PUT', '/scenario', { scenario: { name: 'inline', description: 'x', settings: { Accounts_RegistrationForm: 'Disabled' } } });
      expect(ok).toMatchObject({ status: 200, body: { active: ['inline'] } });
      expect((await t.api.post(REGISTER, registerBody(1))).body).toEqual(DISABLED_REST);

      const bad = await admin('PUT', '/scenario', { scenario: { name: 'bad', description: 'x', settings: { X: [1] } } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/\/settings\/X must be string,number,boolean/);
      expect(t.mock.scenarios().active).toEqual(['inline']);
    });
  });

  describe('(g) programmatic', () => {
    it('useScenario takes a name, a list, a value; scenarios() reports', async () => {
      expect(t.mock.useScenario('registration-disabled').settings).toEqual({ Accounts_RegistrationForm: 'Disabled' });
      expect(t.mock.scenarios().active).toEqual(['registration-disabled']);

      const both = t.mock.useScenario(['registration-disabled', 'password-policy']);
      expect(both.name).toBe('registration-disabled,password-policy');
      expect(both.settings).toEqual({ Accounts_RegistrationForm: 'Disabled', Accounts_Password_Policy_Enabled: true });

      t.mock.useScenario({ name: 'mine', description: 'mine', settings: { Accounts_RegistrationForm: 'Secret URL', Accounts_RegistrationForm_SecretURL: 'xyz' } });
      expect((await t.api.post(REGISTER, registerBody(1))).body).toEqual(SECRET_REST);
      expect((await t.api.post(REGISTER, registerBody(1, { secret: 'xyz' }))).status).toBe(200);

      const { active, known } = t.mock.scenarios();
      expect(active).toEqual(['mine']);
      expect(known.map((s) => s.name)).toEqual(SHIPPED);
      expect(() => t.mock.useScenario('nope')).toThrow(KNOWN);
      expect(() => t.mock.useScenario({ name: 'bad', description: 'x', settings: { X: [1] as never } })).toThrow(/\/settings\/X/);
    });
  });

  describe('(h) composition', () => {
    it('registration-disabled,secret-url-only: the later wins, by every path', async () => {
      const spec = 'registration-disabled,secret-url-only';
      expect((await t.api.post(REGISTER, registerBody(1), { 'X-Mockchat-Scenario': spec })).body).toEqual(SECRET_REST);
      expect((await t.api.post(REGISTER, registerBody(1), { 'X-Mockchat-Scenario': 'secret-url-only,registration-disabled' })).body).toEqual(DISABLED_REST);
      const ddp = await connect(`${t.mock.wsUrl}?scenario=${spec}`);
      expect((await ddp.call('registerUser', form(1))).result.error).toEqual(meteor('error-user-registration-secret', 'User registration is only allowed via Secret URL'));
      await admin('PUT', '/scenario', { names: ['registration-disabled', 'secret-url-only'] });
      expect((await t.api.post(REGISTER, registerBody(1))).body).toEqual(SECRET_REST);
      t.mock.useScenario(spec);
      expect((await t.api.post(REGISTER, registerBody(1))).body).toEqual(SECRET_REST);
    });

    it('a header is laid over the active set', async () => {
      t.mock.useScenario('registration-disabled');
      expect((await t.api.post(REGISTER, registerBody(1), { 'X-Mockchat-Scenario': 'secret-url-only' })).body).toEqual(SECRET_REST);
      expect((await t.api.post(REGISTER, registerBody(1))).body).toEqual(DISABLED_REST);
    });

    it('custom-fields,password-policy: both apply, the password policy is checked first', async () => {
      t.mock.useScenario('custom-fields,password-policy');
      const weak = await t.api.post(REGISTER, registerBody(1, { pass: 'abc', customFields: { role: 'teacher', twitter: 'abcd' } }));
      expect(weak.status).toBe(400);
      expect(weak.body).toMatchObject({ success: false, errorType: 'error-password-policy-not-met', error: "The password provided does not meet the server's password policy." });
      const badField = await t.api.post(REGISTER, registerBody(1, { customFields: { role: 'teacher', twitter: 'x' } }));
      expect(badField.status).toBe(400);
      expect(badField.body).toMatchObject({ success: false, error: 'error-user-registration-custom-field', reason: 'Min length of field twitter 2' });
      const good = await t.api.post(REGISTER, registerBody(1, { customFields: { role: 'teacher', twitter: 'abcd' } }));
      expect(good.status).toBe(200);
    });
  });
});
