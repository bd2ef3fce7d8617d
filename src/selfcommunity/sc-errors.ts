/**
 * SelfCommunity's error registry. SelfCommunity is a Django REST Framework API; the docs give
 * no error body, so mockchat answers in the shape the official SDK parses
 * (`packages/api-services/src/utils/http.ts`):
 *
 *   400 `{"errors": [{"field": "password", "messages": [{"code": "min_length", "message": "…"}]}]}`
 *   401/403/404 `{"errors": [{"code": "not_authenticated", "message": "…"}]}` (non-field errors)
 *
 * Codes and messages are DRF's and Django's defaults where they exist (see docs/selfcommunity.md).
 * The OAuth2 token endpoint is django-oauth-toolkit (oauthlib) and answers RFC 6749 errors:
 * `{"error": "invalid_grant", "error_description": "…"}`.
 */
import { format } from '../errors.js';

export type ScErrorKind = 'field' | 'non_field' | 'oauth';

export interface ScErrorSpec {
  kind: ScErrorKind;
  status: number;
  /** The `code` (field/non-field) or the OAuth `error`. */
  code: string;
  /** Message template (`{name}` filled from params); empty for OAuth errors without a description. */
  message: string;
}

const field = (code: string, message: string): ScErrorSpec => ({ kind: 'field', status: 400, code, message });
const nonField = (status: number, code: string, message: string): ScErrorSpec => ({ kind: 'non_field', status, code, message });
const oauth = (status: number, code: string, message = ''): ScErrorSpec => ({ kind: 'oauth', status, code, message });

export const SC_ERRORS = {
  // DRF field defaults
  REQUIRED: field('required', 'This field is required.'),
  BLANK: field('blank', 'This field may not be blank.'),
  NOT_A_STRING: field('invalid', 'Not a valid string.'),
  MAX_LENGTH: field('max_length', 'Ensure this field has no more than {max} characters.'),
  MIN_LENGTH: field('min_length', 'Ensure this field has at least {min} characters.'),
  // account fields
  USERNAME_CHARS: field('invalid', 'The username field can only consist of alphanumeric characters, including the hyphen and underscore'),
  USERNAME_TAKEN: field('unique', 'A user with that username already exists.'),
  EMAIL_INVALID: field('invalid', 'Enter a valid email address.'),
  EMAIL_TAKEN: field('unique', 'A user with that email already exists.'),
  EMAIL_UNKNOWN: field('exist', 'This email is not associated with any account.'),
  PASSWORD_CLASSES: field('invalid', 'The password must contain at least 3 of the following 4 types of characters: lower case letters, upper case letters, numbers and special characters (eg !@#$%^&).'),
  INVITE_CODE_INVALID: field('invalid', 'Invalid invite code.'),
  INVITE_CODE_USED: field('used', 'This invite code has already been used.'),
  PROMO_CODE_INVALID: field('invalid', 'Invalid promo code.'),
  PROMO_CODE_EXPIRED: field('expired', 'This promo code is not valid now.'),
  VALIDATION_CODE_INVALID: field('invalid', 'Invalid or expired validation code.'),
  // custom user metadata (DRF / django-phonenumber-field defaults)
  INTEGER_INVALID: field('invalid', 'A valid integer is required.'),
  CHOICE_INVALID: field('invalid_choice', '"{value}" is not a valid choice.'),
  URL_INVALID: field('invalid', 'Enter a valid URL.'),
  PHONE_INVALID: field('invalid', 'Enter a valid phone number.'),
  BOOLEAN_INVALID: field('invalid', 'Must be a valid boolean.'),
  // non-field (DRF exceptions)
  NOT_AUTHENTICATED: nonField(401, 'not_authenticated', 'Authentication credentials were not provided.'),
  PERMISSION_DENIED: nonField(403, 'permission_denied', 'You do not have permission to perform this action.'),
  NOT_FOUND: nonField(404, 'not_found', 'Not found.'),
  METHOD_NOT_ALLOWED: nonField(405, 'method_not_allowed', 'Method "{method}" not allowed.'),
  SEARCH_PARAMS: nonField(400, 'invalid', 'Pass exactly one of: username, email, or ext_id together with provider.'),
  // OAuth2 token endpoint (oauthlib)
  OAUTH_UNSUPPORTED_GRANT: oauth(400, 'unsupported_grant_type'),
  OAUTH_INVALID_CLIENT: oauth(401, 'invalid_client'),
  OAUTH_MISSING_PARAM: oauth(400, 'invalid_request', 'Request is missing {param} parameter.'),
  OAUTH_INVALID_GRANT: oauth(400, 'invalid_grant', 'Invalid credentials given.'),
} satisfies Record<string, ScErrorSpec>;

export type ScErrorCode = keyof typeof SC_ERRORS;

export interface FieldMessage {
  code: string;
  message: string;
}

/** An error raised by the SelfCommunity domain: an HTTP-free status and the `errors` items. */
export class CommunityError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly codes: string[],
  ) {
    super(codes.join(', '));
    this.name = 'CommunityError';
  }
}

/** Raise a registered non-field or OAuth error. */
export function scRaise(code: ScErrorCode, params?: Record<string, unknown>): CommunityError {
  const spec: ScErrorSpec = SC_ERRORS[code];
  const message = format(spec.message, params);
  if (spec.kind === 'oauth') return new CommunityError(spec.status, { error: spec.code, ...(message && { error_description: message }) }, [spec.code]);
  return new CommunityError(spec.status, { errors: [{ code: spec.code, message }] }, [spec.code]);
}

/**
 * Field errors collected as a DRF serializer does: every field is checked, then all its
 * errors are raised at once (400), grouped by field in the order they were found.
 */
export class FieldErrors {
  readonly #fields = new Map<string, FieldMessage[]>();

  add(fieldName: string, code: ScErrorCode, params?: Record<string, unknown>): void {
    const spec: ScErrorSpec = SC_ERRORS[code];
    const list = this.#fields.get(fieldName) ?? [];
    list.push({ code: spec.code, message: format(spec.message, params) });
    this.#fields.set(fieldName, list);
  }

  has(fieldName: string): boolean {
    return this.#fields.has(fieldName);
  }

  /** Throw the collected errors, if any. */
  throwIfAny(): void {
    if (this.#fields.size === 0) return;
    const errors = [...this.#fields].map(([f, messages]) => ({ field: f, messages }));
    throw new CommunityError(400, { errors }, errors.flatMap((e) => e.messages.map((m) => m.code)));
  }
}
