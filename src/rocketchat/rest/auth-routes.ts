import { WorkspaceError } from '../../errors.js';
import { ok, type RestResponse } from '../../http/respond.js';
import { login, logout } from '../accounts/login.js';
import { meView } from '../user.js';
import { DEFAULT_PREFERENCES } from '../settings.js';
import { renderRestError } from './render-error.js';
import type { Route } from './route.js';

const LOGIN_KEYS = new Set(['user', 'username', 'email', 'password', 'code']);

/**
 * REST login bodies as Rocket.Chat converts them to a Meteor login request
 * (`{user: 'name-or-email'}`, `{username}`, `{email}`, `{resume}`); other shapes pass unchanged.
 */
export function toLoginRequest(body: Record<string, unknown>): unknown {
  if (body.password == null || Object.keys(body).some((k) => !LOGIN_KEYS.has(k))) return body;
  const password = body.password;
  let user: unknown = body.user;
  if (typeof body.user === 'string') user = body.user.includes('@') ? { email: body.user } : { username: body.user };
  else if (typeof body.username === 'string') user = { username: body.username };
  else if (typeof body.email === 'string') user = { email: body.email };
  return { user, password };
}

/** The login failure body: `unauthorized()` merged with the Meteor error's fields. */
function loginFailure(err: unknown): RestResponse {
  // A Match.Error has no `error`, `details` or `reason`: only `message` survives the merge.
  if (err instanceof WorkspaceError && err.kind === 'match') return { status: 401, body: { success: false, status: 'error', message: err.message } };
  if (!(err instanceof WorkspaceError) || err.kind !== 'meteor') return renderRestError(err);
  const ambiguous = err.reason === 'User not found';
  return {
    status: 401,
    body: {
      success: false,
      error: ambiguous ? 'Unauthorized' : err.error,
      status: 'error',
      ...(!ambiguous && err.details && { details: err.details }),
      message: ambiguous ? 'Unauthorized' : err.reason,
    },
  };
}

export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/login',
    action: (ctx) => {
      try {
        const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
        const result = login(ctx.ws, toLoginRequest(body));
        const user = ctx.ws.users.get(result.id)!;
        return ok({ status: 'success', data: { userId: result.id, authToken: result.token, me: meView(user, DEFAULT_PREFERENCES) } });
      } catch (error) {
        return loginFailure(error);
      }
    },
  },
  {
    method: 'POST',
    path: '/api/v1/logout',
    auth: 'required',
    action: (ctx) => {
      logout(ctx.ws, ctx.token);
      return { status: 200, body: { status: 'success', data: { message: "You've been logged out!" } } };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/me',
    auth: 'required',
    action: (ctx) => ok(meView(ctx.user!, DEFAULT_PREFERENCES)),
  },
];
