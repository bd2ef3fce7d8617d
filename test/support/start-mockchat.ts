import { createMockchat, type Mockchat, type MockchatOptions } from '../../src/index.js';

/** Start a real mockchat on a free port, quiet. Close it in `afterAll`. */
export function startMockchat(options: MockchatOptions = {}): Promise<Mockchat> {
  return createMockchat({ port: 0, logLevel: 'silent', ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** Small fetch helpers over real HTTP. */
export function client(mock: Mockchat) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(`${mock.url}${path}`, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body ?? {}, headers),
    call,
    /** Log in over REST and return the auth headers. */
    async login(user: string, password: string): Promise<Record<string, string>> {
      const r = await call('POST', '/api/v1/login', { user, password });
      if (r.status !== 200) throw new Error(`login failed for ${user}: ${JSON.stringify(r.body)}`);
      return { 'x-user-id': r.body.data.userId, 'x-auth-token': r.body.data.authToken };
    },
  };
}
