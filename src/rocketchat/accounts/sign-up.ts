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
  if (callerId && ws.rejectLoggedInRegister) throw raise('LOGGED_IN_REGISTER');
  if (params.name && !hasValidNameChars(params.name)) throw raise('NAME_INVALID_CHARS');
  if (!isValidUsername(ws.settings, params.username)) throw raise('USERNAME_INVALID');
  if (!checkUsernameAvailability(ws, params.username)) throw raise('USERNAME_IN_USE');
  if (params.customFields) validateCustomFields(ws.settings, params.customFields);
  const result = registerUser(ws, formDataOf(params), { username: params.username });
  if (typeof result !== 'string') throw raise('ERROR_CREATING_USER');
  return limitedView(ws.users.get(result)!);
}

/**
 * The method's form data: the params without `secret`, which becomes `secretURL` (last), and
 * without nullish values (ajv lets nullable fields through as null; only `name: null` reaches
 * Meteor's check, as a wrong type). One pass, no intermediate objects: this runs on every registration.
 */
function formDataOf(params: SignUpParams): Record<string, unknown> {
  const form = params as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(form)) {
    const v = form[k];
    if (k !== 'secret' && v !== undefined && (v !== null || k === 'name')) out[k] = v;
  }
  if (params.secret) out.secretURL = params.secret;
  return out;
}
