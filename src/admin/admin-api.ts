import { MockchatConfigError } from '../errors.js';
import type { RestResponse } from '../http/respond.js';
import type { Journal, JournalFilter } from '../journal.js';
import type { Tenants } from './tenants.js';
import type { Scenario } from '../scenarios/scenario.js';
import { NOT_WATCHING, type ReloadStatus } from '../watch/hot-reload.js';

export interface AdminDeps {
  /** The sandbox named by `X-Mockchat-Sandbox`, if any: tenant-scoped routes act on it. */
  sandbox?: string;
  tenants: Tenants;
  journal: Journal;
  /** The hot-reload state (`--watch`). */
  reloadStatus?: () => ReloadStatus;
}

const json = (status: number, body: unknown): RestResponse => ({ status, body });
const summary = (s: Scenario) => ({ name: s.name, description: s.description });

/**
 * The `/__mockchat` admin API (namespaced like WireMock's `/__admin`). Answers are mockchat's
 * own JSON, never Rocket.Chat envelopes: `{error: {code, message}}` on failure.
 */
export function handleAdmin(deps: AdminDeps, method: string, path: string, body: unknown, query: Record<string, string> = {}): RestResponse | undefined {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const restore = /^POST \/__mockchat\/snapshots\/([^/]+)\/restore$/.exec(route);
  const sandbox = /^DELETE \/__mockchat\/sandboxes\/([^/]+)$/.exec(route);
  // Resolved only by the routes that act on one workspace, so reads never create a sandbox.
  const tenant = () => deps.tenants.resolve(deps.sandbox);
  const sandboxes = () => deps.tenants.list().map((t) => ({ name: t.name, users: t.workspace.users.size, createdAt: t.createdAt, scenario: t.scenarios.activeNames() }));
  try {
    if (sandbox) {
      const name = decodeURIComponent(sandbox[1]);
      if (!deps.tenants.delete(name)) return json(404, { error: { code: 'MOCKCHAT_ERR_SANDBOX', message: `[mockchat] No sandbox "${name}".` } });
      return json(200, { deleted: name, sandboxes: sandboxes() });
    }
    if (restore) {
      const id = decodeURIComponent(restore[1]);
      const t = tenant();
      if (!t.snapshots.restore(t, id)) return json(404, { error: { code: 'MOCKCHAT_ERR_SNAPSHOT', message: `[mockchat] No snapshot "${id}". Known: ${t.snapshots.ids().join(', ') || '(none)'}.` } });
      return json(200, { restored: id, users: t.workspace.users.size });
    }
    switch (route) {
      case 'GET /__mockchat/health': {
        const t = deps.sandbox ? deps.tenants.find(deps.sandbox) ?? deps.tenants.main : deps.tenants.main;
        return json(200, { status: 'ok', users: t.workspace.users.size, scenario: t.scenarios.activeNames() });
      }
      case 'GET /__mockchat/reload':
        return json(200, deps.reloadStatus?.() ?? NOT_WATCHING);
      case 'GET /__mockchat/scenarios': {
        const { scenarios } = tenant();
        return json(200, { active: scenarios.activeNames(), scenarios: scenarios.list().map(summary) });
      }
      case 'GET /__mockchat/scenario': {
        const { scenarios } = tenant();
        return json(200, { active: scenarios.activeNames(), scenario: scenarios.active() });
      }
      case 'PUT /__mockchat/scenario': {
        const spec = scenarioSpec(body);
        const { scenarios } = tenant();
        const composed = scenarios.use(spec);
        return json(200, { active: scenarios.activeNames(), scenario: composed });
      }
      case 'DELETE /__mockchat/scenario': {
        const { scenarios } = tenant();
        scenarios.reset();
        return json(200, { active: scenarios.activeNames() });
      }
      case 'GET /__mockchat/requests': {
        const sandbox = deps.sandbox ?? query.sandbox;
        const requests = deps.journal.find({ ...journalFilter(query), ...(sandbox && { sandbox }) });
        return json(200, { count: requests.length, requests });
      }
      case 'DELETE /__mockchat/requests':
        // With a sandbox header, only that sandbox's entries go: parallel workers keep theirs.
        deps.journal.clear(deps.sandbox);
        return json(200, { count: 0 });
      case 'POST /__mockchat/snapshots': {
        const t = tenant();
        return json(201, { id: t.snapshots.take(t, (body as { id?: unknown } | null)?.id) });
      }
      case 'GET /__mockchat/snapshots':
        return json(200, { snapshots: tenant().snapshots.list() });
      case 'GET /__mockchat/sandboxes':
        return json(200, { max: deps.tenants.max, sandboxes: sandboxes() });
      case 'DELETE /__mockchat/sandboxes':
        deps.tenants.clear();
        return json(200, { sandboxes: [] });
      case 'POST /__mockchat/reset': {
        const t = tenant();
        t.reset();
        return json(200, { status: 'reset', users: t.workspace.users.size, active: t.scenarios.activeNames() });
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (error instanceof MockchatConfigError) return json(400, { error: { code: error.code, message: error.message } });
    throw error;
  }
}

/** `PUT /__mockchat/scenario` takes `{"name": "a,b"}`, `{"names": [...]}` or `{"scenario": {...value}}`. */
function scenarioSpec(body: unknown) {
  const b = (body ?? {}) as { name?: unknown; names?: unknown; scenario?: unknown };
  if (typeof b.name === 'string') return b.name;
  if (Array.isArray(b.names) && b.names.every((n) => typeof n === 'string')) return b.names as string[];
  if (b.scenario && typeof b.scenario === 'object') {
    const s = b.scenario as Scenario;
    return { ...s, name: s.name ?? 'inline', description: s.description ?? 'inline scenario' };
  }
  throw new MockchatConfigError('MOCKCHAT_ERR_SCENARIO', 'PUT /__mockchat/scenario needs {"name": "a,b"}, {"names": ["a","b"]} or {"scenario": {...}}');
}

/** `GET /__mockchat/requests` filters: path, method (operation: `registerUser`, `/api/v1/me`), status, transport, since, limit. */
function journalFilter(q: Record<string, string>): JournalFilter {
  const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number.parseInt(v, 10));
  const limit = int(q.limit);
  const status = int(q.status);
  if ((limit !== undefined && !(limit >= 0)) || (status !== undefined && Number.isNaN(status))) {
    throw new MockchatConfigError('MOCKCHAT_ERR_QUERY', 'limit and status must be integers');
  }
  const since = q.since === undefined ? undefined : /^\d+$/.test(q.since) ? Number(q.since) : q.since;
  if (typeof since === 'string' && Number.isNaN(Date.parse(since))) throw new MockchatConfigError('MOCKCHAT_ERR_QUERY', `since must be an ISO date or epoch ms, got ${since}`);
  return {
    path: q.path || undefined,
    operation: q.method || undefined,
    transport: q.transport === 'http' || q.transport === 'ddp' ? q.transport : undefined,
    status,
    since,
    limit: limit ?? 100,
  };
}
