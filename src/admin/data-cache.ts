import type { CommunityChange } from '../selfcommunity/community.js';
import type { WorkspaceChange } from '../rocketchat/workspace.js';
import { dataView, userRecord, type DataView } from './data-view.js';
import type { Tenant } from './tenants.js';

type Row = Record<string, unknown>;

/**
 * The data API's projection of one tenant, kept until the next write. A user written through
 * the workspace is patched in place (O(1)); anything else rebuilds the projection on the next
 * read. It also narrows list queries before json-server sees them: rows pre-sorted by a
 * `_sort` key (so json-server's own sort meets sorted input) and pre-filtered by `q` over a
 * cached lower-case text of each row. Both are supersets in json-server's order: json-server
 * still applies every parameter itself, so answers are exactly json-server's.
 */
export class DataCache {
  #view?: DataView;
  readonly #userIndex = new Map<string, number>();
  readonly #sorted = new Map<string, Row[]>();
  #text = new WeakMap<Row, string>();

  constructor(private readonly tenant: Tenant) {
    tenant.workspace.changes.on((e) => this.#onWorkspace(e));
    // The data API shows SelfCommunity's users only: tokens and codes leave its view as it is.
    tenant.community.changes.on((e: CommunityChange) => e.kind === 'token' || e.kind === 'invite' || e.kind === 'validation' || this.#invalidate());
  }

  /** The whole projection (rebuilt if a write invalidated it). */
  view(): DataView {
    if (!this.#view) {
      this.#view = dataView(this.tenant);
      this.#userIndex.clear();
      this.#view.users.forEach((u, i) => this.#userIndex.set(u.id as string, i));
    }
    return this.#view;
  }

  /**
   * The rows of `collection` for a list query, sorted by a single `_sort` key (`_order` asc or
   * desc, stable like lodash's `orderBy`) and filtered by `q` exactly as json-server's
   * `deepQuery` would; `handled` names the parameters done here, which the caller removes
   * before json-server applies the rest (field filters, `_like`, `_gte`, paging, headers).
   */
  narrow(collection: string, query: URLSearchParams): { rows: Row[]; handled: string[] } | undefined {
    const rows = (this.view() as unknown as Record<string, Row[] | undefined>)[collection];
    if (!Array.isArray(rows)) return undefined;
    const handled: string[] = [];
    const sort = query.getAll('_sort');
    const order = (query.get('_order') ?? 'asc').toLowerCase();
    let out = rows;
    if (sort.length === 1 && !sort[0].includes(',') && !order.includes(',') && query.getAll('_order').length <= 1) {
      out = this.#sortedBy(collection, rows, sort[0], order === 'desc' ? -1 : 1);
      handled.push('_sort', '_order');
    }
    const q = query.getAll('q')[0]?.toLowerCase();
    if (q && !q.includes('\n')) {
      out = out.filter((row) => this.#textOf(row).includes(q));
      handled.push('q');
    }
    return { rows: out, handled };
  }

  #sortedBy(collection: string, rows: Row[], key: string, direction: 1 | -1): Row[] {
    const cacheKey = `${collection}\u0000${key}\u0000${direction}`;
    let sorted = this.#sorted.get(cacheKey);
    if (!sorted) {
      sorted = [...rows].sort((a, b) => direction * compare(read(a, key), read(b, key)));
      this.#sorted.set(cacheKey, sorted);
    }
    return sorted;
  }

  /** Every truthy leaf value, lower-cased (json-server's `deepQuery` looks at the same values). */
  #textOf(row: Row): string {
    let text = this.#text.get(row);
    if (text === undefined) {
      const parts: string[] = [];
      collect(row, parts);
      text = parts.join('\n');
      this.#text.set(row, text);
    }
    return text;
  }

  #onWorkspace(e: WorkspaceChange): void {
    // Login tokens are not part of the projection: a login, resume or logout leaves it as it is.
    if (e.kind === 'token') return;
    this.#sorted.clear();
    if (e.kind !== 'user' || !this.#view) return this.#invalidate();
    if (e.change.op === 'put') {
      const at = this.#userIndex.get(e.change.doc._id);
      const row = userRecord(e.change.doc);
      if (at === undefined) {
        this.#userIndex.set(row.id as string, this.#view.users.length);
        this.#view.users.push(row);
      } else this.#view.users[at] = row;
    } else this.#invalidate();
  }

  #invalidate(): void {
    this.#view = undefined;
    this.#sorted.clear();
    this.#text = new WeakMap();
  }
}

function collect(value: unknown, out: string[]): void {
  if (!value) return;
  if (Array.isArray(value)) for (const v of value) collect(v, out);
  else if (typeof value === 'object') for (const k in value) collect((value as Row)[k], out);
  else out.push(String(value).toLowerCase());
}

/**
 * Ascending order as lodash's `compareAscending` gives it (what json-server's `orderBy` uses):
 * plain `<`/`>` between values, with null, undefined and NaN after every other value
 * (NaN, then null, then undefined last), and nested paths (`a.b`) read like `_.get`.
 */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra !== 0) return 0;
  return (a as string) > (b as string) ? 1 : (a as string) < (b as string) ? -1 : 0;
}

/** `_.get(row, path)` for the paths a query string can hold (`emails.0.address`). */
function read(row: Row, path: string): unknown {
  if (path in row) return row[path];
  let value: unknown = row;
  for (const part of path.split('.')) value = value === null || value === undefined ? undefined : (value as Row)[part];
  return value;
}

function rank(v: unknown): number {
  if (v === undefined) return 3;
  if (v === null) return 2;
  if (typeof v === 'number' && Number.isNaN(v)) return 1;
  return 0;
}
