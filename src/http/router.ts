/**
 * A method + path router over OpenAPI path templates (`/api/v1/settings/{_id}`).
 * Static paths are one Map lookup; templated paths are tried in order after that.
 */
export interface Match<T> {
  value: T;
  params: Record<string, string>;
}

export class Router<T> {
  readonly #static = new Map<string, T>();
  readonly #templated: Array<{ method: string; re: RegExp; names: string[]; value: T }> = [];

  add(method: string, template: string, value: T): void {
    if (!template.includes('{')) {
      this.#static.set(`${method} ${template}`, value);
      return;
    }
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.#templated.push({ method, re: new RegExp(`^${source}$`), names, value });
  }

  match(method: string, path: string): Match<T> | undefined {
    const hit = this.#static.get(`${method} ${path}`);
    if (hit !== undefined) return { value: hit, params: {} };
    for (const r of this.#templated) {
      if (r.method !== method) continue;
      const m = r.re.exec(path);
      if (m) return { value: r.value, params: Object.fromEntries(r.names.map((n, i) => [n, safeDecode(m[i + 1])])) };
    }
    return undefined;
  }

  /** Whether any method serves this path (for 404 vs 405-style answers). */
  hasPath(path: string): boolean {
    for (const key of this.#static.keys()) if (key.slice(key.indexOf(' ') + 1) === path) return true;
    return this.#templated.some((r) => r.re.test(path));
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
