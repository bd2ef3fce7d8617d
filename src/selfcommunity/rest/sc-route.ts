import type { IncomingHttpHeaders } from 'node:http';
import type { RestResponse } from '../../http/respond.js';
import type { Community } from '../community.js';
import type { ScUser } from '../sc-user.js';

export interface ScContext {
  community: Community;
  query: Record<string, string>;
  params: Record<string, string>;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The Bearer token's user (routes with `auth`). */
  user?: ScUser;
}

/** One SelfCommunity route: DRF's permission classes as `auth`, then the view. */
export interface ScRoute {
  method: 'GET' | 'POST';
  /** The path as SelfCommunity spells it (trailing slash included). */
  path: string;
  /** `user`: IsAuthenticated (401); `admin`: and the admin role (403). */
  auth?: 'user' | 'admin';
  action(ctx: ScContext): RestResponse;
}
