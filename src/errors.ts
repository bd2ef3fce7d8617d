/**
 * The error registry. Every error mockchat emits is declared here once, with the
 * Rocket.Chat error id, its message template, and the kind of error the real server
 * throws — which decides the wire format each adapter renders (see docs/errors.md).
 *
 * Kinds:
 * - `meteor`  Meteor.Error(error, reason, details): REST `400 {error: "reason [id]", errorType}`,
 *             DDP `{isClientSafe, error, reason, message, errorType: "Meteor.Error", details}`.
 * - `failure` a literal `API.v1.failure('…')` string: REST `400 {success:false, error}` only.
 * - `policy`  PasswordPolicyError, a plain Error with `.error`/`.details`: REST without suffix,
 *             DDP sanitised to `Internal server error [500]` (as Meteor does with plain errors).
 * - `match`   Match.Error from `check()`: REST `{error: "Match error: …"}`, DDP `Match failed [400]`.
 */
export type ErrorKind = 'meteor' | 'failure' | 'policy' | 'match';

export interface ErrorSpec {
  kind: ErrorKind;
  /** Rocket.Chat error id (`errorType`); numeric ids stay numbers as Meteor keeps them. */
  id?: string | number;
  /** HTTP status when this error surfaces on REST. */
  status: number;
  /** Message template; `{name}` placeholders are filled from params. */
  reason: string;
  /** Where the real server throws it (for docs/errors.md). */
  source: string;
}

const meteor = (id: string | number, reason: string, source: string, status = 400): ErrorSpec => ({ kind: 'meteor', id, reason, source, status });
const failure = (reason: string, source: string, status = 400): ErrorSpec => ({ kind: 'failure', reason, source, status });

export const ERRORS = {
  // registerUser (server/methods/registerUser.ts)
  REGISTRATION_DISABLED: meteor('error-user-registration-disabled', 'User registration is disabled', 'registerUser'),
  REGISTRATION_SECRET: meteor('error-user-registration-secret', 'User registration is only allowed via Secret URL', 'registerUser'),
  DUPLICATE_ACCOUNT: meteor(403, 'Something went wrong. Please check your credentials.', 'Accounts.createUser (Meteor 3, ambiguous errors)'),
  // custom fields (validateCustomFields)
  CUSTOM_FIELDS_JSON: meteor('error-invalid-customfield-json', 'Invalid JSON for Custom Fields', 'validateCustomFields'),
  CUSTOM_FIELD_REQUIRED: meteor('error-user-registration-custom-field', 'Field {field} is required', 'validateCustomFields'),
  CUSTOM_FIELD_INVALID: meteor('error-user-registration-custom-field', 'Value for field {field} is invalid', 'validateCustomFields'),
  CUSTOM_FIELD_MAX: meteor('error-user-registration-custom-field', 'Max length of field {field} {max}', 'validateCustomFields'),
  CUSTOM_FIELD_MIN: meteor('error-user-registration-custom-field', 'Min length of field {field} {min}', 'validateCustomFields'),
  // email (validateEmailDomain)
  INVALID_EMAIL: meteor('error-invalid-email', 'Invalid email {email}', 'validateEmailDomain'),
  DOMAIN_NOT_ALLOWED: meteor('error-invalid-domain', 'The email domain is not in whitelist', 'validateEmailDomain'),
  DOMAIN_BLOCKED: meteor('error-email-domain-blacklisted', 'The email domain is blacklisted', 'validateEmailDomain'),
  // password policy (packages/password-policies)
  PASSWORD_POLICY: { kind: 'policy', id: 'error-password-policy-not-met', status: 400, reason: "The password provided does not meet the server's password policy.", source: 'PasswordPolicy.validate' } as ErrorSpec,
  // usernames (checkUsernameAvailability, validateUserData)
  BLOCKED_USERNAME: meteor('error-blocked-username', "{username} is blocked and can't be used!", 'checkUsernameAvailability'),
  ADD_USER_NOT_ALLOWED: meteor('error-action-not-allowed', 'Adding user is not allowed', 'validateUserData'),
  INVALID_ROLE: meteor('error-action-not-allowed', 'The field Roles consist invalid role id', 'validateUserData'),
  ASSIGN_ADMIN_NOT_ALLOWED: meteor('error-action-not-allowed', 'Assigning admin is not allowed', 'validateUserData'),
  FIELD_REQUIRED: meteor('error-the-field-is-required', 'The field {field} is required', 'validateUserData'),
  USERNAME_NOT_VALID_FIELD: meteor('error-input-is-not-a-valid-field', '{username} is not a valid username', 'validateUserData'),
  FIELD_UNAVAILABLE: meteor('error-field-unavailable', '{value} is already in use :(', 'validateUserData'),
  ACTIVE_STATUS_NOT_ALLOWED: meteor('error-not-allowed', 'Not allowed', 'setUserActiveStatus'),
  // login (Accounts login handlers + validateLoginAttempt)
  LOGIN_FAILED: meteor(401, 'User not found', 'loginErrorMessageOverride (wrong password, unknown user, bad resume token, options no handler takes)'),
  USER_NOT_ACTIVATED: meteor('error-user-is-not-activated', 'User is not activated', 'Accounts.validateLoginAttempt'),
  EMAIL_NOT_VERIFIED: meteor('error-invalid-email', 'Invalid email __email__', 'Accounts.validateLoginAttempt'),
  LOGIN_BLOCKED_USER: meteor('error-login-blocked-for-user', 'Login has been temporarily blocked For User', 'Accounts.validateLoginAttempt'),
  INVALID_USER: meteor('error-invalid-user', 'Invalid user', 'methods requiring a user'),
  METHOD_NOT_ALLOWED: meteor('error-not-allowed', 'Not allowed', 'methods the caller may not use (unemulated Rocket.Chat methods)'),
  // setUsername method (setUsernameWithValidation)
  USERNAME_CHANGE_NOT_ALLOWED: meteor('error-not-allowed', 'Not allowed', 'Accounts_AllowUsernameChange off: users.checkUsernameAvailability (details.method setUsername) and setUsername (no details)'),
  USERNAME_INVALID_CHARS: meteor('username-invalid', '{username} is not a valid username, use only letters, numbers, dots, hyphens and underscores', 'setUsernameWithValidation'),
  USERNAME_TAKEN: meteor('error-field-unavailable', '<strong>{username}</strong> is already in use :(', 'setUsernameWithValidation'),
  // rate limits
  TOO_MANY_REQUESTS_REST: meteor('error-too-many-requests', 'Error, too many requests. Please slow down. You must wait {seconds} seconds before trying this endpoint again.', 'API rate limiter', 429),
  TOO_MANY_REQUESTS_DDP: meteor('too-many-requests', 'Error, too many requests. Please slow down. You must wait {seconds} seconds before trying again.', 'DDPRateLimiter'),
  // DDP / Meteor core
  METHOD_NOT_FOUND: meteor(404, "Method '{method}' not found", 'ddp-server'),
  SUBSCRIPTION_NOT_FOUND: meteor(404, "Subscription '{name}' not found", 'ddp-server'),
  MATCH_FAILED: meteor(400, 'Match failed', 'check (sanitized)'),
  INTERNAL: meteor(500, 'Internal server error', 'ddp-server wrapInternalException', 500),
  // REST request validation (ajv against the spec; first error, Rocket.Chat's messages)
  INVALID_PARAMS: meteor('invalid-params', '{message}', 'validateParams (ajv)'),
  // REST routes (literal API.v1.failure strings)
  LOGGED_IN_REGISTER: failure('Logged in users can not register again.', 'users.register'),
  NAME_INVALID_CHARS: failure('Name contains invalid characters', 'users.register, users.create'),
  USERNAME_INVALID: failure('The username provided is not valid', 'users.register'),
  USERNAME_IN_USE: failure('Username is already in use', 'users.register'),
  USER_NOT_FOUND: failure('User not found', 'users.register, users.info'),
  ERROR_CREATING_USER: failure('Error creating user', 'users.register (registerUser did not return a user id)'),
  USER_NOT_FOUND_DOT: failure('User not found.', 'users.info'),
  INVALID_SEARCH_QUERY: failure('Invalid search query.', 'users.info'),
  USER_PARAM_NOT_PROVIDED: meteor('error-user-param-not-provided', 'The required "userId" or "username" param was not provided', 'getUserFromParams'),
  USER_PARAM_INVALID: meteor('error-invalid-user', 'The required "userId" or "username" param provided does not match any users', 'getUserFromParams'),
  INVALID_USERNAME: meteor('error-invalid-username', 'Invalid username', 'checkUsernameAvailabilityWithValidation'),
  INVALID_PERMISSION: { kind: 'failure', id: 'error-invalid-permission', status: 400, reason: 'Invalid permission', source: 'permissions.update' },
  INVALID_ROLE_UPDATE: { kind: 'failure', id: 'error-invalid-role', status: 400, reason: 'Invalid role', source: 'permissions.update' },
  INVALID_QUERY_PARAM: meteor('error-invalid-query', 'Invalid query parameter provided: "{query}"', 'parseJsonQuery'),
  UPDATED_SINCE_INVALID: meteor('error-roomId-param-invalid', 'The "updatedSince" query parameter must be a valid date.', 'permissions.listAll'),
  PLAIN_ERROR: failure('{message}', 'a plain Error thrown in a route (e.g. EJSON.parse)'),
  INVALID_METHOD_CALL: failure('Invalid method call', 'method.call, method.callAnon'),
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export type Details = Record<string, unknown> | Array<Record<string, unknown>>;

/** Fill `{name}` placeholders of a template. */
export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key]));
}

/**
 * An error raised by the emulated workspace. It carries Rocket.Chat semantics only
 * (id, reason, details); adapters decide the wire format from `kind`.
 */
export class WorkspaceError extends Error {
  readonly code: ErrorCode | 'MATCH';
  readonly kind: ErrorKind;
  readonly error?: string | number;
  readonly reason: string;
  readonly details?: Details;
  readonly status: number;

  constructor(code: ErrorCode | 'MATCH', spec: ErrorSpec, reason: string, details?: Details) {
    super(spec.kind === 'meteor' ? `${reason} [${spec.id}]` : reason);
    this.name = 'WorkspaceError';
    this.code = code;
    this.kind = spec.kind;
    this.error = spec.id;
    this.reason = reason;
    this.details = details;
    this.status = spec.status;
  }
}

/**
 * Raise a registered error.
 * @example
 * throw raise('FIELD_UNAVAILABLE', { value: 'john' }, { method: 'insertOrUpdateUser', field: 'john' });
 */
export function raise(code: ErrorCode, params?: Record<string, unknown>, details?: Details): WorkspaceError {
  const spec: ErrorSpec = ERRORS[code];
  return new WorkspaceError(code, spec, format(spec.reason, params), details);
}

/** A Match.Error as thrown by Meteor's `check()`: the message is `Match error: …`. */
export function matchError(message: string, path = ''): WorkspaceError {
  return new WorkspaceError('MATCH', { kind: 'match', status: 400, reason: '', source: 'check' }, `Match error: ${message}`, path ? { path } : undefined);
}

/**
 * mockchat's own error codes: configuration (options, seeds, scenarios, specs, the `--db` file)
 * and the admin surface and transport limits. They are never rendered as Rocket.Chat errors;
 * the admin API answers them as `{error:{code, message}}`, the product APIs in their own format.
 */
export const MOCKCHAT_ERRORS = {
  MOCKCHAT_ERR_OPTIONS: 'An option of `createMockchat()` / `mockchat serve` is invalid (start-up fails).',
  MOCKCHAT_ERR_SEED: 'A seed file is unreadable or has the wrong shape (start-up or hot reload fails).',
  MOCKCHAT_ERR_SCENARIO: 'A scenario file or value is invalid, unknown, or (hot reload) an active one disappeared.',
  MOCKCHAT_ERR_SPEC: 'A spec in the specs directory is unreadable or not what it claims to be (start-up, hot reload or first fallback request).',
  MOCKCHAT_ERR_DB: 'The `--db` file or its log is corrupt, foreign or of an unknown version (start-up fails; nothing is overwritten).',
  MOCKCHAT_ERR_SANDBOX: 'A sandbox name is invalid, unknown, or there are too many sandboxes (400/404).',
  MOCKCHAT_ERR_SNAPSHOT: 'No snapshot with this id (404).',
  MOCKCHAT_ERR_QUERY: 'A query parameter of an admin route is invalid (400).',
  MOCKCHAT_ERR_NOT_FOUND: 'No admin route or dashboard file there (404).',
  MOCKCHAT_ERR_ADMIN_TOKEN: 'The admin surface needs `Authorization: Bearer <admin token>` (401).',
  MOCKCHAT_ERR_BAD_JSON: 'An admin request body is not JSON (400).',
  MOCKCHAT_ERR_BODY_TOO_LARGE: 'An admin request body is over `--body-limit` (413).',
  MOCKCHAT_ERR_DATA: 'A data API (`/__mockchat/db/*`) write is refused: unknown collection, read-only field or method (400/405).',
  MOCKCHAT_ERR_JSON_DEPTH: 'A body or DDP frame nests deeper than `--max-json-depth` (400; DDP error frame).',
  MOCKCHAT_ERR_HEADER_TOO_LARGE: 'The request head is over `--header-limit` (431).',
  MOCKCHAT_ERR_CONNECTIONS: 'More open connections than `--max-connections` (503).',
  MOCKCHAT_ERR_INTERNAL: 'An unexpected server error on an admin path; the error itself is in the server log (500).',
} as const;

/** A code of `MOCKCHAT_ERRORS`, or a registry error under mockchat's prefix (data API writes: `MOCKCHAT_ERR_FIELD_UNAVAILABLE`). */
export type MockchatErrorCode = keyof typeof MOCKCHAT_ERRORS | `MOCKCHAT_ERR_${ErrorCode}`;

/** Errors in mockchat's own configuration and admin surface (codes: `MOCKCHAT_ERRORS`); never rendered as Rocket.Chat errors. */
export class MockchatConfigError extends Error {
  readonly code: MockchatErrorCode;
  constructor(code: MockchatErrorCode, message: string) {
    super(`[mockchat] ${message}`);
    this.name = 'MockchatConfigError';
    this.code = code;
  }
}
