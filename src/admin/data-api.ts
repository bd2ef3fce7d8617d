import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { MockchatConfigError, WorkspaceError, type ErrorCode } from '../errors.js';
import { sendJson, type RestResponse } from '../http/respond.js';
import { adminError, readAdminJson } from './admin-json.js';
import { addUser, patchPermission, patchSetting, patchUser, deleteDbUser } from './data-writes.js';
import { DataCache } from './data-cache.js';
import { userRecord } from './data-view.js';
import type { Tenant } from './tenants.js';

/** The bits of json-server 0.17 used here (it ships no types). */
type Handler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;
interface JsonServer {
  create(): Handler & { use(handler: Handler): void };
  router(db: object): Handler & { db: { setState(state: object): unknown } };
}

/** One tenant's json-server app and router over its cached, sanitized projection. */
interface View {
  app: Handler;
  router: ReturnType<JsonServer['router']>;
  cache: DataCache;
}

export const DATA_PREFIX = '/__mockchat/db';

/** The collections served (json-server answers `GET /name` and `GET /name/:id` for each). */
export const DATA_COLLECTIONS = ['users', 'settings', 'permissions', 'sc_users'] as const;

/**
 * `/__mockchat/db/*`: the live state of a tenant through json-server's own router (list, filter,
 * `q`, `_sort`, `_page`/`_limit` with `X-Total-Count`, get by id). Reads are served from a
 * sanitized projection cached until the next write; writes go through the workspace
 * (`data-writes.ts`), never into json-server's copy. Lives on the server instance.
 */
export class DataApi {
  readonly #views = new WeakMap<Tenant, View>();
  #jsonServer?: JsonServer;

  constructor(
    private readonly bodyLimit: number,
    private readonly maxJsonDepth: number,
  ) {}

  /** Whether `path` belongs to the data API. */
  owns(path: string): boolean {
    return path === DATA_PREFIX || path.startsWith(`${DATA_PREFIX}/`);
  }

  /** Serve one request for `tenant`; resolves with the status sent. */
  async handle(req: IncomingMessage, res: ServerResponse, tenant: Tenant, path: string): Promise<number> {
    const method = req.method ?? 'GET';
    if (method === 'GET' || method === 'HEAD') return this.#read(req, res, tenant);
    const response = await this.#write(req, tenant, method, path.slice(DATA_PREFIX.length));
    sendJson(res, response);
    return response.status;
  }

  #read(req: IncomingMessage, res: ServerResponse, tenant: Tenant): Promise<number> {
    const { app, router, cache } = this.#view(tenant);
    const url = req.url ?? '/';
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(DATA_PREFIX.length) || '/';
    // A list query gets its collection narrowed first (same answer, less work for json-server).
    const q = req.url.indexOf('?');
    const collection = /^\/(\w+)\/?$/.exec(q === -1 ? req.url : req.url.slice(0, q))?.[1];
    const full = cache.view();
    const params = new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1));
    const narrowed = collection ? cache.narrow(collection, params) : undefined;
    if (narrowed && narrowed.handled.length > 0) {
      for (const name of narrowed.handled) params.delete(name);
      req.url = `/${collection}?${params}`;
    }
    router.db.setState(narrowed ? { ...full, [collection!]: narrowed.rows } : full);
    return new Promise((resolve) => {
      res.once('finish', () => resolve(res.statusCode));
      res.once('close', () => resolve(res.statusCode));
      app(req, res);
    });
  }

  #view(tenant: Tenant): View {
    let view = this.#views.get(tenant);
    if (!view) {
      this.#jsonServer ??= createRequire(import.meta.url)('json-server') as JsonServer;
      const cache = new DataCache(tenant);
      const router = this.#jsonServer.router(cache.view());
      const app = this.#jsonServer.create();
      app.use(router);
      view = { app, router, cache };
      this.#views.set(tenant, view);
    }
    return view;
  }

  async #write(req: IncomingMessage, tenant: Tenant, method: string, sub: string): Promise<RestResponse> {
    const [, collection, rawId, extra] = sub.split('/');
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    const read = await readAdminJson(req, this.bodyLimit, this.maxJsonDepth);
    if ('refusal' in read) return read.refusal;
    const body = read.value;
    const ws = tenant.workspace;
    const route = `${method} ${collection}${id === undefined ? '' : '/:id'}`;
    try {
      if (extra !== undefined) return notAllowed(method, sub);
      switch (route) {
        case 'POST users':
          return { status: 201, body: userRecord(addUser(ws, body)) };
        case 'PATCH users/:id':
        case 'PUT users/:id':
          return { status: 200, body: userRecord(patchUser(ws, id!, body)) };
        case 'DELETE users/:id':
          deleteDbUser(ws, id!);
          return { status: 200, body: {} };
        case 'PATCH settings/:id':
        case 'PUT settings/:id':
          patchSetting(ws, id!, body);
          return { status: 200, body: { id, value: ws.settings.toJSON()[id!] } };
        case 'PATCH permissions/:id':
        case 'PUT permissions/:id':
          patchPermission(ws, id!, body);
          return { status: 200, body: { id, roles: ws.permissions.toJSON()[id!] } };
        default:
          return notAllowed(method, sub);
      }
    } catch (e) {
      // The admin format: the registry's code under mockchat's prefix (FIELD_UNAVAILABLE → MOCKCHAT_ERR_FIELD_UNAVAILABLE).
      // Never MATCH: data writes check their own field types (data-writes.ts) and run no check().
      if (e instanceof WorkspaceError) return adminError(e.code === 'USER_NOT_FOUND' ? 404 : e.status, { code: `MOCKCHAT_ERR_${e.code as ErrorCode}`, message: `[mockchat] ${e.message}` });
      if (e instanceof MockchatConfigError) return adminError(400, e);
      throw e;
    }
  }
}

function notAllowed(method: string, sub: string): RestResponse {
  return adminError(405, new MockchatConfigError('MOCKCHAT_ERR_DATA', `${method} ${DATA_PREFIX}${sub} is not supported: users take POST, PATCH/PUT and DELETE; settings and permissions take PATCH/PUT; sc_users is read-only.`));
}
