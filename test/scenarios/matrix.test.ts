import EJSON from 'ejson';
import { describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { useMockchat } from '../support/start-mockchat.js';

// The proof matrix: every error string of seed documents 000–003 × every API it can come from
// → the shipped scenario that produces it → the exact answer in that API's format.

type Api = 'users.register' | 'registerUser (DDP)' | 'method.callAnon/registerUser' | 'users.create';

interface Row {
  error: string;
  api: Api;
  /** The shipped scenario(s) to activate; null: the base workspace already answers so. */
  scenario: string | null;
  /** Request body (REST) or the registerUser form (DDP and method.callAnon). */
  body: Record<string, unknown>;
  /** users.create without credentials. */
  anonymous?: boolean;
  /** REST: {status, body}; DDP and method.callAnon: the Meteor error object. */
  expected: unknown;
}

const form = (extra: Record<string, unknown> = {}) => ({ email: 'jane@example.com', pass: 's3cret!', name: 'Jane', ...extra });
const registerBody = (extra: Record<string, unknown> = {}) => ({ username: 'jane', ...form(extra) });
const createBody = (extra: Record<string, unknown> = {}) => ({ username: 'jane', email: 'jane@example.com', password: 's3cret!', name: 'Jane', ...extra });

/** The Meteor error object a DDP client (and the method.call bridge) receives. */
const meteor = (error: string, reason: string, details?: unknown) => ({ isClientSafe: true, error, reason, message: `${reason} [${error}]`, errorType: 'Meteor.Error', ...(details !== undefined && { details }) });
/** Rocket.Chat's REST envelope for a Meteor.Error. */
const envelope = (error: string, reason: string, details?: unknown) => ({ success: false, error: `${reason} [${error}]`, errorType: error, ...(details !== undefined && { details }) });
/** users.register passes custom-field errors through whole (the Meteor error plus success: false). */
const passthrough = (error: string, reason: string, details?: unknown) => ({ ...meteor(error, reason, details), success: false });

const registerUser = { method: 'registerUser' };

/** One seed error: the same Meteor error over users.register, DDP, method.callAnon and (when it applies) users.create. */
function allApis(error: string, code: string, reason: string, scenario: string, extra: Record<string, unknown>, opts: { details?: unknown; restPassthrough?: boolean; create?: boolean }): Row[] {
  const restBody = opts.restPassthrough ? passthrough(code, reason, opts.details) : envelope(code, reason, opts.details);
  const rows: Row[] = [
    { error, api: 'users.register', scenario, body: registerBody(extra), expected: { status: 400, body: restBody } },
    { error, api: 'registerUser (DDP)', scenario, body: form(extra), expected: meteor(code, reason, opts.details) },
    { error, api: 'method.callAnon/registerUser', scenario, body: form(extra), expected: meteor(code, reason, opts.details) },
  ];
  if (opts.create) rows.push({ error, api: 'users.create', scenario, body: createBody(extra), expected: { status: 400, body: envelope(code, reason, opts.details) } });
  return rows;
}

const rows: Row[] = [
  ...allApis('User registration is disabled', 'error-user-registration-disabled', 'User registration is disabled', 'registration-disabled', {}, { details: registerUser }),
  ...allApis('User registration is only allowed via Secret URL', 'error-user-registration-secret', 'User registration is only allowed via Secret URL', 'secret-url-only', {}, { details: registerUser }),
  ...allApis('Invalid JSON for Custom Fields', 'error-invalid-customfield-json', 'Invalid JSON for Custom Fields', 'custom-fields-invalid-json', { customFields: { role: 'teacher' } }, { restPassthrough: true, create: true }),
  ...allApis('Field ${fieldName} is required', 'error-user-registration-custom-field', 'Field role is required', 'custom-fields', { customFields: { twitter: 'abcd' } }, { details: registerUser, restPassthrough: true, create: true }),
  ...allApis('Value for field ${fieldName} is invalid', 'error-user-registration-custom-field', 'Value for field role is invalid', 'custom-fields', { customFields: { role: 'pilot', twitter: 'abcd' } }, { details: registerUser, restPassthrough: true, create: true }),
  ...allApis('Max length of field ${fieldName} ${maxLength}', 'error-user-registration-custom-field', 'Max length of field twitter 10', 'custom-fields', { customFields: { role: 'teacher', twitter: '@a-too-long-handle' } }, { details: registerUser, restPassthrough: true, create: true }),
  ...allApis('Min length of field ${fieldName} ${minLength}', 'error-user-registration-custom-field', 'Min length of field twitter 2', 'custom-fields', { customFields: { role: 'teacher', twitter: 'x' } }, { details: registerUser, restPassthrough: true, create: true }),
  {
    error: "must have required property 'pass' [invalid-params]",
    api: 'users.register',
    scenario: null,
    body: { username: 'jane', email: 'jane@example.com', name: 'Jane' },
    expected: { status: 400, body: { success: false, error: "must have required property 'pass' [invalid-params]", errorType: 'invalid-params' } },
  },
  {
    // Request validation runs before the registration rules: the scenario does not hide it.
    error: "must have required property 'pass' [invalid-params]",
    api: 'users.register',
    scenario: 'registration-disabled',
    body: { username: 'jane', email: 'jane@example.com', name: 'Jane' },
    expected: { status: 400, body: { success: false, error: "must have required property 'pass' [invalid-params]", errorType: 'invalid-params' } },
  },
  {
    error: 'Adding user is not allowed',
    api: 'users.create',
    scenario: 'permission-denied',
    body: createBody(),
    expected: { status: 400, body: envelope('error-action-not-allowed', 'Adding user is not allowed', { method: 'insertOrUpdateUser', action: 'Adding_user' }) },
  },
  {
    error: 'You must be logged in to do this.',
    api: 'users.create',
    scenario: 'permission-denied',
    body: createBody(),
    anonymous: true,
    expected: { status: 401, body: { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' } },
  },
];

describe('seed error matrix: error × API → scenario → exact answer', () => {
  const t = useMockchat();

  it('covers every seed error over every API it can come from', () => {
    const apisOf = (error: string) => rows.filter((r) => r.error === error).map((r) => r.api);
    expect(new Set(apisOf('User registration is disabled'))).toEqual(new Set(['users.register', 'registerUser (DDP)', 'method.callAnon/registerUser']));
    for (const e of ['Invalid JSON for Custom Fields', 'Field ${fieldName} is required', 'Min length of field ${fieldName} ${minLength}']) {
      expect(apisOf(e)).toHaveLength(4);
    }
    expect(rows).toHaveLength(30);
  });

  it.each(rows.map((r) => ({ ...r, name: `${r.error} × ${r.api} ← ${r.scenario ?? '(no scenario)'}` })))('$name', async (row) => {
    const auth = row.api === 'users.create' && !row.anonymous ? await t.api.login('admin', 'admin') : {};
    if (row.scenario) t.mock.useScenario(row.scenario);

    switch (row.api) {
      case 'users.register': {
        const res = await t.api.post('/api/v1/users.register', row.body);
        expect({ status: res.status, body: res.body }).toEqual(row.expected);
        break;
      }
      case 'users.create': {
        const res = await t.api.post('/api/v1/users.create', row.body, auth);
        expect({ status: res.status, body: res.body }).toEqual(row.expected);
        break;
      }
      case 'registerUser (DDP)': {
        const ddp = await RawDdp.connect(t.mock.wsUrl);
        t.sockets.push(ddp);
        const { result } = await ddp.call('registerUser', row.body);
        expect(result).toEqual({ msg: 'result', id: expect.any(String), error: row.expected });
        break;
      }
      case 'method.callAnon/registerUser': {
        const res = await t.api.post('/api/v1/method.callAnon/registerUser', { message: EJSON.stringify({ msg: 'method', id: '42', method: 'registerUser', params: [row.body] }) });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ success: true, message: expect.any(String) });
        expect(res.body.message).toContain('{"msg":"result","id":"42","error":{');
        expect(EJSON.parse(res.body.message)).toEqual({ msg: 'result', id: '42', error: row.expected });
        break;
      }
    }
    // No error row creates jane.
    expect(t.mock.users.findByEmail('jane@example.com')).toBeUndefined();
  });
});
