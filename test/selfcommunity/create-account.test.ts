import { describe, expect, it } from 'vitest';
import { useMockchat } from '../support/start-mockchat.js';
import { fieldError, jane, scClient } from './sc-client.js';

const CLASSES = 'The password must contain at least 3 of the following 4 types of characters: lower case letters, upper case letters, numbers and special characters (eg !@#$%^&).';
const CHARS = 'The username field can only consist of alphanumeric characters, including the hyphen and underscore';

// One row per documented rule (and each DRF default the docs leave open), each on fresh state.
const cases: Array<[string, Record<string, unknown>, unknown]> = [
  ['username required', jane({ username: undefined }), fieldError('username', 'required', 'This field is required.')],
  ['username blank', jane({ username: '' }), fieldError('username', 'blank', 'This field may not be blank.')],
  ['username not a string', jane({ username: { a: 1 } }), fieldError('username', 'invalid', 'Not a valid string.')],
  ['username over 255 characters', jane({ username: 'a'.repeat(256) }), fieldError('username', 'max_length', 'Ensure this field has no more than 255 characters.')],
  ['username with a dot', jane({ username: 'jane.doe' }), fieldError('username', 'invalid', CHARS)],
  ['username with a space', jane({ username: 'jane doe' }), fieldError('username', 'invalid', CHARS)],
  ['username taken', jane({ username: 'member' }), fieldError('username', 'unique', 'A user with that username already exists.')],
  ['username taken, other case', jane({ username: 'MEMBER' }), fieldError('username', 'unique', 'A user with that username already exists.')],
  ['email required', jane({ email: undefined }), fieldError('email', 'required', 'This field is required.')],
  ['email invalid', jane({ email: 'jane-at-example' }), fieldError('email', 'invalid', 'Enter a valid email address.')],
  ['email taken', jane({ email: 'Member@Community.example.com' }), fieldError('email', 'unique', 'A user with that email already exists.')],
  ['password required', jane({ password: undefined }), fieldError('password', 'required', 'This field is required.')],
  ['password blank', jane({ password: '' }), fieldError('password', 'blank', 'This field may not be blank.')],
  ['username all spaces (trimmed: blank)', jane({ username: '   ' }), fieldError('username', 'blank', 'This field may not be blank.')],
  // Passwords are not trimmed (trim_whitespace=False): spaces are characters, not blank.
  [
    'password of 3 spaces (not trimmed: not blank)',
    jane({ password: '   ' }),
    { errors: [{ field: 'password', messages: [{ code: 'min_length', message: 'Ensure this field has at least 8 characters.' }, { code: 'invalid', message: CLASSES }] }] },
  ],
  ['password of 10 spaces', jane({ password: ' '.repeat(10) }), fieldError('password', 'invalid', CLASSES)],
  ['password under 8', jane({ password: 'Ab-1' }), fieldError('password', 'min_length', 'Ensure this field has at least 8 characters.')],
  ['password over 128', jane({ password: `Aa-1${'x'.repeat(125)}` }), fieldError('password', 'max_length', 'Ensure this field has no more than 128 characters.')],
  ['password with 2 classes', jane({ password: 'lowercase123' }), fieldError('password', 'invalid', CLASSES)],
  ['password with 1 class', jane({ password: 'abcdefghij' }), fieldError('password', 'invalid', CLASSES)],
];

describe('POST /api/v2/account/create/', () => {
  const t = useMockchat({}, scClient);

  it('201 with the User schema plus email, and the user can log in', async () => {
    const r = await t.api.create(jane());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 4, username: 'jane', email: 'jane@example.com', email_isvalid: false, real_name: '', ext_id: null, reg_approved: true, deleted: false, tags: [], reputation: 0 });
    expect(Date.parse(r.body.date_joined)).not.toBeNaN();
    expect(r.body).not.toHaveProperty('password');
    expect(await t.api.token('jane', 'Jane-pass-1')).toEqual(expect.any(String));
    // The header carries the code of the verification email: it verifies jane.
    const verified = await t.api.post('/api/v2/account/verify/', { validation_code: r.headers.get('x-mockchat-validation-code') });
    expect(verified).toMatchObject({ status: 200, body: { token: { access_token: expect.any(String) } } });
    expect(t.mock.selfcommunity.findByUsername('jane')?.email_isvalid).toBe(true);
    expect(t.mock.selfcommunity.outbox.at(-1)).toEqual({ to: 'jane@example.com', purpose: 'verify', validation_code: r.headers.get('x-mockchat-validation-code') });
  });

  it.each(cases)('400: %s', async (_name, body, expected) => {
    const r = await t.api.create(body);
    expect(r).toMatchObject({ status: 400, body: expected });
    expect(t.mock.selfcommunity.users.size).toBe(3);
  });

  it('accepts passwords at the limits: 8 and 128 characters, 3 of 4 classes', async () => {
    expect((await t.api.create(jane({ password: 'abcDEF12' }))).status).toBe(201);
    expect((await t.api.create(jane({ username: 'joe', email: 'joe@example.com', password: `aB-${'x'.repeat(125)}` }))).status).toBe(201);
  });

  it('accepts a 255-character username of every allowed class', async () => {
    expect((await t.api.create(jane({ username: `Ab_-9${'z'.repeat(250)}` }))).status).toBe(201);
  });

  it('reports every failing field at once, in field order', async () => {
    const r = await t.api.create({ username: 'bad name', email: 'nope', password: 'short' });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['username', 'email', 'password']);
    expect(r.body.errors[2].messages.map((m: { code: string }) => m.code)).toEqual(['min_length', 'invalid']);
  });

  it('accepts a form-encoded body', async () => {
    const r = await t.api.form('/api/v2/account/create/', { username: 'jane', email: 'jane@example.com', password: 'Jane-pass-1' }, { authorization: 'Bearer sc-admin-token' });
    expect(r.status).toBe(201);
  });

  it('ignores invite_code, promo_code and undefined metadata while their switches are off', async () => {
    const r = await t.api.create(jane({ invite_code: 'NOPE', promo_code: 'NOPE', company_name: 'Acme' }));
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty('company_name');
  });
});

describe('POST /api/v2/account/create/ with users approval', () => {
  const t = useMockchat({}, scClient);

  it('reg_approved is false while configurations.users_approval_enabled is on', async () => {
    t.mock.useScenario({ name: 'approval', description: 'x', selfcommunity: { preferences: { 'configurations.users_approval_enabled': true } } });
    const r = await t.api.create(jane());
    expect(r).toMatchObject({ status: 201, body: { username: 'jane', reg_approved: false } });
    expect(t.mock.selfcommunity.findByUsername('jane')?.reg_approved).toBe(false);
  });

  it('a password with spaces inside is kept as given', async () => {
    expect((await t.api.create(jane({ password: ' Jane pass 1 ' }))).status).toBe(201);
    expect(await t.api.token('jane', ' Jane pass 1 ')).toEqual(expect.any(String));
  });
});
