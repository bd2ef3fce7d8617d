import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  bytes: Buffer;
  type: string;
  etag: string;
}

/**
 * The files of one directory (not its subdirectories), read once on first use and kept in
 * memory with a content-hash ETag. Answers `304` to a matching `If-None-Match`; every answer
 * says `Cache-Control: no-cache` so a browser revalidates (cheaply) after an upgrade.
 */
export class StaticAssets {
  #assets?: Map<string, Asset>;

  constructor(readonly dir: string) {}

  /** Whether `name` is one of the served files. */
  has(name: string): boolean {
    return this.#load().has(name);
  }

  /** Send `name` (a bare file name: no path separators are ever looked up). Returns the status. */
  send(req: IncomingMessage, res: ServerResponse, name: string, headers: Record<string, string> = {}): number {
    const asset = this.#load().get(name);
    if (!asset) return 404;
    const common = { ETag: asset.etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, common).end();
      return 304;
    }
    res.writeHead(200, { ...common, 'Content-Type': asset.type, 'Content-Length': asset.bytes.length });
    res.end(asset.bytes);
    return 200;
  }

  #load(): Map<string, Asset> {
    if (this.#assets) return this.#assets;
    const assets = new Map<string, Asset>();
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      const type = TYPES[extname(entry.name)];
      if (!entry.isFile() || !type) continue;
      const bytes = readFileSync(join(this.dir, entry.name));
      const etag = `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 20)}"`;
      assets.set(entry.name, { bytes, type, etag });
    }
    this.#assets = assets;
    return assets;
  }
}
