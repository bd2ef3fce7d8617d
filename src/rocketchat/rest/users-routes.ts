import { ok } from '../../http/respond.js';
import { createUser, type CreateUserParams } from '../accounts/create-user.js';
import { deleteUser, listUsers, userInfo, usernameSuggestion } from '../accounts/directory.js';
import { signUp, type SignUpParams } from '../accounts/sign-up.js';
import { usernameAvailableFor } from '../accounts/usernames.js';
import { raise, WorkspaceError } from '../../errors.js';
import { failureWithErrorObject } from './render-error.js';
import type { Route } from './route.js';

const toInt = (value: string | undefined, fallback: number) => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

const CUSTOM_FIELD_ERRORS = new Set(['CUSTOM_FIELDS_JSON', 'CUSTOM_FIELD_REQUIRED', 'CUSTOM_FIELD_INVALID', 'CUSTOM_FIELD_MAX', 'CUSTOM_FIELD_MIN']);

/** The first string value in a `query` object (`{"username":{"$regex":"jo"}}` → `jo`): the text filter. */
function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const found = firstString(v);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const usersRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/users.register',
    auth: 'optional',
    validate: true,
    rateLimit: (ws) => ({ limit: ws.settings.number('Rate_Limiter_Limit_RegisterUser'), intervalMs: ws.settings.number('API_Enable_Rate_Limiter_Limit_Time_Default') }),
    action: (ctx) => {
      try {
        return ok({ user: signUp(ctx.ws, ctx.body as SignUpParams, ctx.user?._id) });
      } catch (error) {
        // users.register hands custom-field errors to API.v1.failure as the error object itself.
        if (error instanceof WorkspaceError && CUSTOM_FIELD_ERRORS.has(error.code)) return failureWithErrorObject(error);
        throw error;
      }
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.create',
    auth: 'required',
    validate: true,
    action: (ctx) => ok({ user: createUser(ctx.ws, ctx.user!._id, ctx.body as CreateUserParams) }),
  },
  {
    method: 'GET',
    path: '/api/v1/users.info',
    auth: 'required',
    validate: true,
    action: (ctx) => ok({ user: userInfo(ctx.ws, ctx.user!._id, ctx.query) }),
  },
  {
    method: 'GET',
    path: '/api/v1/users.list',
    auth: 'required',
    permissions: ['view-d-room'],
    action: (ctx) => {
      let text: string | undefined;
      if (ctx.query.query) {
        try {
          text = firstString(JSON.parse(ctx.query.query));
        } catch {
          throw raise('INVALID_QUERY_PARAM', { query: ctx.query.query });
        }
      }
      return ok(listUsers(ctx.ws, ctx.user!._id, { count: Math.min(toInt(ctx.query.count, 50), 100), offset: toInt(ctx.query.offset, 0), text }));
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.delete',
    auth: 'required',
    permissions: ['delete-user'],
    action: (ctx) => {
      deleteUser(ctx.ws, (ctx.body ?? {}) as Record<string, unknown>);
      return ok();
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getUsernameSuggestion',
    auth: 'required',
    action: (ctx) => ok({ result: usernameSuggestion(ctx.ws, ctx.user!) }),
  },
  {
    method: 'GET',
    path: '/api/v1/users.checkUsernameAvailability',
    auth: 'required',
    validate: true,
    action: (ctx) => ok({ result: usernameAvailableFor(ctx.ws, ctx.user!, ctx.query.username ?? '') }),
  },
];
