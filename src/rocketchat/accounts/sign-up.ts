import { raise } from '../../errors.js';
import { limitedView } from '../user.js';
import { hasValidNameChars } from '../validation/name-chars.js';
import { isValidUsername } from '../validation/username.js';
import { validateCustomFields } from '../validation/custom-fields.js';
import type { Workspace } from '../workspace.js';
import { registerUser } from './register-user.js';
import { checkUsernameAvailability } from './usernames.js';

export interface SignUpParams {
  username: string;
  email: string;
  pass: string;
  name?: string | null;
  secret?: string | null;
  reason?: string | null;
  customFields?: Record<string, unknown> | null;
}

/**
 * The `users.register` action (apps/meteor/app/api/server/v1/users.ts) after request
 * validation: name characters, username validity and availability, custom fields, then
 * `registerUser`, then the username is set. Returns the limited user view.
 */
export function signUp(ws: Workspace, params: SignUpParams, callerId?: string): Record<string, unknown> {
  const { secret, ...rest } = params;
  if (callerId && ws.rejectLoggedInRegister) throw raise('LOGGED_IN_REGISTER');
  if (rest.name && !hasValidNameChars(rest.name)) throw raise('NAME_INVALID_CHARS');
  if (!isValidUsername(ws.settings, rest.username)) throw raise('USERNAME_INVALID');
  if (!checkUsernameAvailability(ws, rest.username)) throw raise('USERNAME_IN_USE');
  if (rest.customFields) validateCustomFields(ws.settings, rest.customFields);
  const formData = dropNullish({ ...rest, ...(secret && { secretURL: secret }) });
  const result = registerUser(ws, formData, { username: rest.username });
  if (typeof result !== 'string') throw raise('ERROR_CREATING_USER');
  return limitedView(ws.users.get(result)!);
}

// ajv lets nullable fields through as null; only `name: null` reaches Meteor's check (as a wrong type).
function dropNullish(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(form)) {
    const v = form[k];
    if (v !== undefined && (v !== null || k === 'name')) out[k] = v;
  }
  return out;
}
