import type { RestResponse } from '../../http/respond.js';
import type { IncomingRest, RestProduct } from '../../http/rest-product.js';
import { Router } from '../../http/router.js';
import type { ScopedState } from '../../scenarios/scenario-controller.js';
import type { RequestValidator } from '../../spec/request-validator.js';
import { authRoutes } from './auth-routes.js';
import { methodCallRoutes } from './method-call-routes.js';
import { runRoute } from './pipeline.js';
import { NOT_FOUND, refusalBody } from './render-error.js';
import type { Route } from './route.js';
import { settingsRoutes } from './settings-routes.js';
import { usersRoutes } from './users-routes.js';

export const ROCKETCHAT_ROUTES: readonly Route[] = [...usersRoutes, ...authRoutes, ...settingsRoutes, ...methodCallRoutes];

export type { IncomingRest } from '../../http/rest-product.js';

/** The Rocket.Chat REST surface: route table + wrapper pipeline over one workspace. */
export class RocketChatRest implements RestProduct {
  readonly name = 'rocketchat';
  readonly routes = ROCKETCHAT_ROUTES;
  readonly #router = new Router<Route>();

  /** @param validator request validation from the specs, read on every request (a `--watch` reload swaps the spec set). */
  constructor(private readonly validator: () => RequestValidator) {
    for (const route of ROCKETCHAT_ROUTES) this.#router.add(route.method, route.path, route);
  }

  /** Whether this adapter owns the path: everything under `/api/` but SelfCommunity's `/api/v2/`. */
  owns(path: string): boolean {
    return path.startsWith('/api/') && !path.startsWith('/api/v2/');
  }

  serves(method: string, path: string): boolean {
    return this.#router.match(method, path) !== undefined;
  }

  /** Run the matching route over the scenario-scoped workspace. */
  handle({ ws }: ScopedState, incoming: IncomingRest): RestResponse {
    const match = this.#router.match(incoming.req.method ?? 'GET', incoming.path);
    if (!match) return NOT_FOUND;
    return runRoute(ws, this.validator(), match.value, {
      method: match.value.method,
      route: match.value.path,
      query: incoming.query,
      params: match.params,
      body: incoming.body,
      headers: incoming.req.headers,
      clientAddress: incoming.clientAddress,
    });
  }

  refuse(status: number, message: string, code?: string): RestResponse {
    return { status, body: refusalBody(message, code) };
  }

  errorOf(response: RestResponse): string | number | undefined {
    return (response.body as { errorType?: string | number } | undefined)?.errorType;
  }
}
