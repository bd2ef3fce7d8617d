import type { IncomingHttpHeaders } from 'node:http';
import type { RestResponse } from '../../http/respond.js';
import type { UserDoc } from '../user.js';
import type { Workspace } from '../workspace.js';

/** A parsed REST request as routes see it. */
export interface RestRequest {
  method: string;
  /** The spec path template that matched, e.g. `/api/v1/settings/{_id}`. */
  route: string;
  query: Record<string, string>;
  params: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  clientAddress: string;
}

export interface RestContext extends RestRequest {
  ws: Workspace;
  user?: UserDoc;
  token?: string;
}

/** One REST route: the wrapper options Rocket.Chat's `addRoute` takes, and the action. */
export interface Route {
  method: 'GET' | 'POST';
  /** OpenAPI path template. */
  path: string;
  /** `required`: 401 without valid credentials; `optional`: resolve them when present. */
  auth?: 'required' | 'optional';
  permissions?: string[];
  /** Rate limit rule, or false for none (`rateLimiterOptions: false`); default: the generic per-route rule. */
  rateLimit?: false | ((ws: Workspace) => { limit: number; intervalMs: number });
  /** Validate the body (POST) or query (GET) against the spec. */
  validate?: boolean;
  action(ctx: RestContext): RestResponse;
}
