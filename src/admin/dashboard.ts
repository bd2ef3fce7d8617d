import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { MockchatConfigError } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { Journal } from '../journal.js';
import { JournalStream } from './journal-stream.js';
import { StaticAssets } from './static-assets.js';

/** The packaged `dashboard/` folder (from `src/admin/` and from `dist/admin/` alike). */
const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));
const ASSET = /^GET \/__mockchat\/ui\/([^/]+)$/;
const MAX_BACKLOG = 1000;

/** The page's headers: no framing, no token in a Referer, only its own scripts and styles. */
const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export interface DashboardRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: Record<string, string>;
  /** The `X-Mockchat-Sandbox` header. */
  sandbox?: string;
}

/**
 * The dashboard: `GET /__mockchat/` (the page), `GET /__mockchat/ui/:file` (its CSS and ES
 * modules, from the packaged `dashboard/` folder, cached in memory) and `GET /__mockchat/events`
 * (the live journal as server-sent events). Everything else of the page goes through the
 * JSON admin API. No build step: the files are served as they are.
 */
export class Dashboard {
  readonly assets: StaticAssets;
  readonly stream: JournalStream;

  constructor(journal: Journal, options: { dir?: string; heartbeatMs?: number } = {}) {
    this.assets = new StaticAssets(options.dir ?? DASHBOARD_DIR);
    this.stream = new JournalStream(journal, options.heartbeatMs);
  }

  /**
   * Routes a browser opens without being able to set `Authorization` (a navigation, an
   * `EventSource`): they take the admin token as `?token=` as well.
   */
  acceptsQueryToken(method: string, path: string): boolean {
    const route = routeOf(method, path);
    return route === 'GET /__mockchat/' || route === 'GET /__mockchat/events';
  }

  /** The page's static files: the same bytes as in the package, no state, so no token. */
  isPublic(method: string, path: string): boolean {
    return ASSET.test(routeOf(method, path));
  }

  /** Serve the request if it is a dashboard route; returns the status, or undefined if not ours. */
  handle({ req, res, path, query, sandbox }: DashboardRequest): number | undefined {
    const route = routeOf(req.method ?? 'GET', path);
    const asset = ASSET.exec(route);
    if (asset) {
      const status = this.assets.has(asset[1]) && asset[1] !== 'index.html' ? this.assets.send(req, res, asset[1]) : 404;
      if (status === 404) sendJson(res, notFound(`[mockchat] No dashboard file "${asset[1]}".`));
      return status;
    }
    switch (route) {
      case 'GET /__mockchat/':
        return this.assets.send(req, res, 'index.html', PAGE_HEADERS);
      case 'GET /__mockchat/events': {
        const backlog = query.backlog === undefined || query.backlog === '' ? 0 : Number(query.backlog);
        if (!Number.isInteger(backlog) || backlog < 0 || backlog > MAX_BACKLOG) {
          const error = new MockchatConfigError('MOCKCHAT_ERR_QUERY', `backlog must be an integer from 0 to ${MAX_BACKLOG}, got ${query.backlog}`);
          sendJson(res, { status: 400, body: { error: { code: error.code, message: error.message } } });
          return 400;
        }
        const lastEventId = req.headers['last-event-id'];
        this.stream.open(req, res, { sandbox: sandbox ?? (query.sandbox || undefined), backlog, lastEventId: typeof lastEventId === 'string' ? lastEventId : undefined });
        return 200;
      }
      default:
        return undefined;
    }
  }

  /** End the open event streams (server shutdown). */
  close(): void {
    this.stream.close();
  }
}

/** `METHOD /path` with trailing slashes dropped, except the page's own `/__mockchat/`. */
function routeOf(method: string, path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return `${method} ${trimmed === '/__mockchat' ? '/__mockchat/' : trimmed}`;
}

const notFound = (message: string) => ({ status: 404, body: { error: { code: 'MOCKCHAT_ERR_NOT_FOUND', message } } });
