import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';
import { asAdmin, fieldError, jane, scClient } from './sc-client.js';

describe('SelfCommunity scenarios', () => {
  const t = useMockchat({}, scClient);

  describe('selfcommunity-invite-only', () => {
    it('a valid invite code creates the user and is then used', async () => {
      t.mock.useScenario('selfcommunity-invite-only');
      expect((await t.api.create(jane({ invite_code: 'WELCOME-1' }))).status).toBe(201);
      expect(t.mock.selfcommunity.inviteCodes.get('WELCOME-1')).toMatchObject({ user: 4, used_at: expect.any(String) });
      const again = await t.api.create(jane({ username: 'joe', email: 'joe@example.com', invite_code: 'WELCOME-1' }));
      expect(again).toMatchObject({ status: 400, body: fieldError('invite_code', 'used', 'This invite code has already been used.') });
    });

    it('a missing code is required, an unknown one invalid', async () => {
      t.mock.useScenario('selfcommunity-invite-only');
      expect((await t.api.create(jane())).body).toEqual(fieldError('invite_code', 'required', 'This field is required.'));
      expect((await t.api.create(jane({ invite_code: 'NOPE' }))).body).toEqual(fieldError('invite_code', 'invalid', 'Invalid invite code.'));
    });

    it('works per request with X-Mockchat-Scenario, leaving other requests alone', async () => {
      const r = await t.api.create(jane(), { ...asAdmin, 'x-mockchat-scenario': 'selfcommunity-invite-only' });
      expect(r.body).toEqual(fieldError('invite_code', 'required', 'This field is required.'));
      expect((await t.api.create(jane())).status).toBe(201);
    });
  });

  describe('selfcommunity-promo', () => {
    it('a valid promo code is accepted and recorded', async () => {
      t.mock.useScenario('selfcommunity-promo');
      expect((await t.api.create(jane({ promo_code: 'SPRING' }))).status).toBe(201);
      expect(t.mock.selfcommunity.findByUsername('jane')?.promo_code).toBe('SPRING');
    });

    it('the code stays optional; unknown and expired codes are refused', async () => {
      t.mock.useScenario('selfcommunity-promo');
      expect((await t.api.create(jane({ promo_code: 'NOPE' }))).body).toEqual(fieldError('promo_code', 'invalid', 'Invalid promo code.'));
      expect((await t.api.create(jane({ promo_code: 'OLD-PROMO' }))).body).toEqual(fieldError('promo_code', 'expired', 'This promo code is not valid now.'));
      expect((await t.api.create(jane())).status).toBe(201);
    });
  });

  describe('selfcommunity-metadata', () => {
    const meta = { company_name: 'Acme', company_website: 'https://acme.example.com', company_role: 'CTO', phone_number: '+39 376 349 1234', employees: '42' };

    it('valid fields are stored and returned as top-level keys (integers as numbers)', async () => {
      t.mock.useScenario('selfcommunity-metadata');
      const r = await t.api.create(jane(meta));
      expect(r).toMatchObject({ status: 201, body: { ...meta, employees: 42 } });
      expect((await t.api.get('/api/v2/account/search/?username=jane', asAdmin)).body).toMatchObject({ company_role: 'CTO' });
    });

    it.each([
      ['mandatory missing', { company_name: undefined }, fieldError('company_name', 'required', 'This field is required.')],
      ['mandatory blank', { company_name: ' ' }, fieldError('company_name', 'blank', 'This field may not be blank.')],
      ['url', { company_website: 'acme' }, fieldError('company_website', 'invalid', 'Enter a valid URL.')],
      ['enum', { company_role: 'Janitor' }, fieldError('company_role', 'invalid_choice', '"Janitor" is not a valid choice.')],
      ['phone number', { phone_number: '12ab' }, fieldError('phone_number', 'invalid', 'Enter a valid phone number.')],
      ['integer', { employees: '4.5' }, fieldError('employees', 'invalid', 'A valid integer is required.')],
      ['string not a string', { company_name: ['x'] }, fieldError('company_name', 'invalid', 'Not a valid string.')],
    ])('400: %s', async (_name, change, expected) => {
      t.mock.useScenario('selfcommunity-metadata');
      expect(await t.api.create(jane({ ...meta, ...change }))).toMatchObject({ status: 400, body: expected });
    });

    it('email and checkbox types from an inline scenario value', async () => {
      t.mock.useScenario({ name: 'mine', description: 'x', selfcommunity: { metadata: { work_email: { type: 'email' }, newsletter: { type: 'checkbox' } } } });
      expect((await t.api.create(jane({ work_email: 'nope', newsletter: 'maybe' }))).body).toEqual({
        errors: [
          { field: 'work_email', messages: [{ code: 'invalid', message: 'Enter a valid email address.' }] },
          { field: 'newsletter', messages: [{ code: 'invalid', message: 'Must be a valid boolean.' }] },
        ],
      });
      expect((await t.api.create(jane({ work_email: 'j@work.example.com', newsletter: true }))).body).toMatchObject({ newsletter: true });
    });

    it('the admin API switches it too, and reset goes back', async () => {
      expect((await t.api.call('PUT', '/__mockchat/scenario', { name: 'selfcommunity-metadata' })).status).toBe(200);
      expect((await t.api.create(jane())).status).toBe(400);
      await t.api.post('/__mockchat/reset', {});
      expect((await t.api.create(jane())).status).toBe(201);
    });
  });
});
