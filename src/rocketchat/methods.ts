import { raise } from '../errors.js';
import { login, logout } from './accounts/login.js';
import { registerUser } from './accounts/register-user.js';
import { checkRegistrationSecretURL, getUsernameSuggestion, setUsernameMethod } from './accounts/set-username.js';
import { unemulated, UNEMULATED_METHODS } from './unemulated-methods.js';
import type { Workspace } from './workspace.js';

/** What a method sees of its caller: the workspace, the logged-in user and the connection. */
export interface MethodContext {
  ws: Workspace;
  userId?: string;
  token?: string;
  /** Rate-limit key of the connection (DDP session id, or a hash for the REST bridge). */
  connectionId: string;
  /** Called by `login`/`logout` to change the connection's user (DDP only). */
  setUser?(user: { userId: string; token: string } | undefined): void;
}

export type Method = (ctx: MethodContext, params: unknown[]) => unknown;

/**
 * Methods mockchat emulates, by their Meteor name. DDP and the REST `method.call` bridge
 * both invoke them through `invokeMethod`.
 */
export const METHODS: Record<string, Method> = {
  ...Object.fromEntries(UNEMULATED_METHODS.map((name) => [name, unemulated(name)])),
  registerUser: (ctx, [formData]) => registerUser(ctx.ws, formData),
  login: (ctx, [request]) => {
    const result = login(ctx.ws, request);
    ctx.setUser?.({ userId: result.id, token: result.token });
    return result;
  },
  logout: (ctx) => {
    logout(ctx.ws, ctx.token);
    ctx.setUser?.(undefined);
    return undefined;
  },
  // What the sign-up form calls after registerUser + login.
  setUsername: (ctx, [username]) => setUsernameMethod(ctx.ws, ctx.userId, username),
  getUsernameSuggestion: (ctx) => getUsernameSuggestion(ctx.ws, ctx.userId),
  checkRegistrationSecretURL: (ctx, [hash]) => checkRegistrationSecretURL(ctx.ws, hash),
  'public-settings/get': (ctx) => ctx.ws.settings.publicIds().map((_id) => ({ _id, value: ctx.ws.settings.get(_id) })),
};

/** Meteor's default login rule (accounts-base): 5 calls per 10 s per connection. */
const LOGIN_RULE = { methods: new Set(['login', 'createUser', 'resetPassword', 'forgotPassword']), calls: 5, ms: 10_000 };

/** Called with a method's params before its body runs; throws (a Match.Error) to refuse them. */
export type ParamsCheck = (ctx: MethodContext, name: string, params: unknown[]) => void;

/**
 * Run a method as Meteor's livedata server would: lookup (404), DDP rate rules, `checkParams`
 * (the DDP adapter's contract check), then the body.
 */
export function invokeMethod(ctx: MethodContext, name: string, params: unknown[], checkParams?: ParamsCheck): unknown {
  const method = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (!method) throw raise('METHOD_NOT_FOUND', { method: name });
  if (ctx.ws.rateLimits && name === 'registerUser') {
    // Rocket.Chat's rule matches every caller (`userId: () => true`): one global bucket.
    const s = ctx.ws.settings;
    enforceDdpLimit(ctx.ws, 'ddp:registerUser', s.number('Rate_Limiter_Limit_RegisterUser'), s.number('API_Enable_Rate_Limiter_Limit_Time_Default'));
  }
  if (ctx.ws.rateLimits && LOGIN_RULE.methods.has(name)) enforceDdpLimit(ctx.ws, `ddp:login:${ctx.connectionId}`, LOGIN_RULE.calls, LOGIN_RULE.ms);
  checkParams?.(ctx, name, params);
  return method(ctx, params);
}

/** Count one call against a DDP rate rule; over it, Meteor's `too-many-requests` error. */
function enforceDdpLimit(ws: Workspace, key: string, limit: number, intervalMs: number): void {
  const decision = ws.rateLimiter.hit(key, limit, intervalMs);
  if (!decision.allowed) {
    throw raise('TOO_MANY_REQUESTS_DDP', { seconds: Math.ceil(decision.timeToReset / 1000) }, { timeToReset: decision.timeToReset });
  }
}
