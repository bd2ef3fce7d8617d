import type { IncomingMessage } from 'node:http';
import type { RestResponse } from '../../http/respond.js';
import { Router } from '../../http/router.js';
import type { RequestValidator } from '../../spec/request-validator.js';
import type { Workspace } from '../workspace.js';
import { authRoutes } from './auth-routes.js';
import { methodCallRoutes } from './method-call-routes.js';
import { runRoute } from './pipeline.js';
import { NOT_FOUND } from './render-error.js';
import type { Route } from './route.js';
import { settingsRoutes } from './settings-routes.js';
import { usersRoutes } from './users-routes.js';

export const ROCKETCHAT_ROUTES: readonly Route[] = [...usersRoutes, ...authRoutes, ...settingsRoutes, ...methodCallRoutes];

export interface IncomingRest {
  req: IncomingMessage;
  path: string;
  query: Record<string, string>;
  body: unknown;
  clientAddress: string;
}

/** The Rocket.Chat REST surface: route table + wrapper pipeline over one workspace. */
export class RocketChatRest {
  readonly #router = new Router<Route>();

  constructor(private readonly validator: RequestValidator) {
    for (const route of ROCKETCHAT_ROUTES) this.#router.add(route.method, route.path, route);
  }

  /** Whether this adapter owns the path (everything under `/api/`). */
  owns(path: string): boolean {
    return path.startsWith('/api/');
  }

  /** Whether a request needs its body read (routes that take one). */
  handle(ws: Workspace, incoming: IncomingRest): RestResponse {
    const match = this.#router.match(incoming.req.method ?? 'GET', incoming.path);
    if (!match) return NOT_FOUND;
    return runRoute(ws, this.validator, match.value, {
      method: match.value.method,
      route: match.value.path,
      query: incoming.query,
      params: match.params,
      body: incoming.body,
      headers: incoming.req.headers,
      clientAddress: incoming.clientAddress,
    });
  }

  routes(): readonly Route[] {
    return ROCKETCHAT_ROUTES;
  }
}
