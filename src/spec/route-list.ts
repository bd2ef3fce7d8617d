import type { RestProduct } from '../http/rest-product.js';
import type { SpecCatalog } from './spec-catalog.js';

/** One HTTP route of mockchat and what serves it. */
export interface RouteInfo {
  method: string;
  /** OpenAPI path template (`/api/v1/settings/{_id}`). */
  path: string;
  /** `emulated`: stateful, by `product`; `spec`: answered from `file` by Prism. */
  served: 'emulated' | 'spec';
  /** `rocketchat`, `selfcommunity` or `admin` for emulated routes. */
  product?: string;
  /** The spec file declaring the operation (emulated routes may have none). */
  file?: string;
}

/** The admin API (`/__mockchat`) is always served by mockchat itself, never by the fallback. */
const ADMIN_PREFIX = '/__mockchat';

/**
 * Every route, from the products' own route tables and the spec catalog, with the rule the
 * server applies: an emulated route always wins; a spec operation no product serves goes to
 * the Prism fallback; the admin API answers everything under `/__mockchat` itself.
 */
export function listRoutes(products: readonly RestProduct[], catalog: SpecCatalog): RouteInfo[] {
  const routes = new Map<string, RouteInfo>();
  for (const product of products) {
    for (const r of product.routes) {
      const key = `${r.method} ${r.path}`;
      if (!routes.has(key)) routes.set(key, { method: r.method, path: r.path, served: 'emulated', product: product.name });
    }
  }
  for (const op of catalog.operations()) {
    const key = `${op.method} ${op.path}`;
    const emulated = routes.get(key);
    if (emulated) {
      emulated.file ??= op.file;
      continue;
    }
    const owner = op.path.startsWith(ADMIN_PREFIX) ? 'admin' : products.find((p) => p.owns(op.path) && p.serves(op.method, op.path))?.name;
    routes.set(key, owner ? { method: op.method, path: op.path, served: 'emulated', product: owner, file: op.file } : { method: op.method, path: op.path, served: 'spec', file: op.file });
  }
  return [...routes.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The `mockchat routes` table: method, path, and what serves it. */
export function formatRoutes(routes: readonly RouteInfo[]): string {
  const width = Math.max(...routes.map((r) => r.path.length), 4);
  const lines = routes.map((r) => {
    const by = r.served === 'emulated' ? `emulated (${r.product})` : `spec (${r.file})`;
    return `${r.method.padEnd(7)} ${r.path.padEnd(width)}  ${by}`;
  });
  const emulated = routes.filter((r) => r.served === 'emulated').length;
  return [`${'METHOD'.padEnd(7)} ${'PATH'.padEnd(width)}  SERVED BY`, ...lines, '', `${routes.length} routes: ${emulated} emulated, ${routes.length - emulated} from specs`].join('\n');
}
