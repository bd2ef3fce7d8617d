import { firstHeader } from '../../http/headers.js';
import type { RestResponse } from '../../http/respond.js';
import type { IncomingRest, RestProduct } from '../../http/rest-product.js';
import { Router } from '../../http/router.js';
import type { ScopedState } from '../../scenarios/scenario-controller.js';
import { authenticate } from '../oauth.js';
import { CommunityError, scRaise } from '../sc-errors.js';
import { SELFCOMMUNITY_ROUTES } from './routes.js';
import type { ScRoute } from './sc-route.js';

/** DRF's header on a 401 with Bearer authentication. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="api"' };

/**
 * The SelfCommunity REST surface: `/api/v2/*` and the OAuth2 endpoints under `/oauth/`,
 * in DRF's order (authentication and permission, then the serializer, then the view).
 */
export class SelfCommunityRest implements RestProduct {
  readonly name = 'selfcommunity';
  readonly #router = new Router<ScRoute>();

  constructor(readonly routes: readonly ScRoute[] = SELFCOMMUNITY_ROUTES) {
    for (const route of routes) this.#router.add(route.method, route.path, route);
  }

  owns(path: string): boolean {
    return path.startsWith('/api/v2/') || path.startsWith('/oauth/');
  }

  serves(method: string, path: string): boolean {
    return this.#router.match(method, path) !== undefined;
  }

  handle({ community }: ScopedState, incoming: IncomingRest): RestResponse {
    const method = incoming.req.method ?? 'GET';
    const match = this.#router.match(method, incoming.path);
    try {
      if (!match) throw this.#router.hasPath(incoming.path) ? scRaise('METHOD_NOT_ALLOWED', { method }) : scRaise('NOT_FOUND');
      const route = match.value;
      const body = incoming.body && typeof incoming.body === 'object' && !Array.isArray(incoming.body) ? (incoming.body as Record<string, unknown>) : {};
      const user = route.auth ? authenticate(community, firstHeader(incoming.req.headers.authorization)) : undefined;
      if (route.auth && !user) throw scRaise('NOT_AUTHENTICATED');
      if (route.auth === 'admin' && user!.role !== 'admin') throw scRaise('PERMISSION_DENIED');
      return route.action({ community, query: incoming.query, params: match.params, body, headers: incoming.req.headers, user });
    } catch (error) {
      if (!(error instanceof CommunityError)) throw error;
      return { status: error.status, body: error.body, ...(error.status === 401 && error.codes[0] === 'not_authenticated' && { headers: CHALLENGE }) };
    }
  }

  refuse(status: number, message: string, code?: string): RestResponse {
    return { status, body: { errors: [{ code: code ?? (status === 413 ? 'request_too_large' : status >= 500 ? 'error' : 'invalid'), message }] } };
  }

  /** The first error code of an answer: `errors[0].code`, `errors[0].messages[0].code` or the OAuth `error`. */
  errorOf(response: RestResponse): string | undefined {
    const b = response.body as { errors?: Array<{ code?: string; messages?: Array<{ code: string }> }>; error?: unknown } | undefined;
    const first = b?.errors?.[0];
    if (first) return first.code ?? first.messages?.[0]?.code;
    return typeof b?.error === 'string' ? b.error : undefined;
  }
}

