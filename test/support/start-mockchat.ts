import { RawDdp } from './ddp-client.js';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { createMockchat, type Mockchat, type MockchatOptions } from '../../src/index.js';
import { startContractFront } from '../contract/contract-front.js';

/**
 * True in the contract run (vitest.contract.config.ts), where `mock.url` is a front that sends
 * REST calls through `prism proxy --errors`. Tests of transport details Prism alters opt out with
 * `it.skipIf(contractRun)` (listed in docs/contract.md).
 */
export const contractRun = inject('contractPrism') !== undefined;

/**
 * Start a real mockchat on a free port, quiet. Close it in `afterAll`.
 * In the contract run, `url` points at a contract front in front of it (docs/contract.md).
 */
export async function startMockchat(options: MockchatOptions = {}): Promise<Mockchat> {
  const mock = await createMockchat({ port: 0, logLevel: 'silent', ...options });
  const prism = inject('contractPrism');
  if (!prism) return mock;
  const front = await startContractFront(mock.port, prism);
  return {
    ...mock,
    url: front.url,
    close: async () => {
      await front.close();
      await mock.close();
    },
  };
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

/** Anything a test opens that must be closed after it, e.g. a `RawDdp` connection. */
export interface Closable {
  close(): unknown;
}

/** What `useMockchat()` hands a test file; `mock` and `api` are set in `beforeAll`. */
export interface MockchatContext<Api> {
  readonly mock: Mockchat;
  readonly api: Api;
  /** Push connections here; they are closed after each test, before `mock.reset()`. */
  readonly sockets: Closable[];
  /** A connected raw DDP client (`query` e.g. `?scenario=a`), closed after the test. */
  ddp(query?: string): Promise<RawDdp>;
}

export type Client = ReturnType<typeof client>;

/**
 * Start mockchat on port 0 for this file (or describe block): started in `beforeAll`,
 * reset after each test (closing tracked `sockets` first), closed in `afterAll`.
 * `makeApi` builds `api` from the started server (default: `client`).
 */
export function useMockchat(options?: MockchatOptions): MockchatContext<Client>;
export function useMockchat<Api>(options: MockchatOptions, makeApi: (mock: Mockchat) => Api): MockchatContext<Api>;
export function useMockchat<Api>(options: MockchatOptions = {}, makeApi?: (mock: Mockchat) => Api): MockchatContext<Api | Client> {
  let mock: Mockchat | undefined;
  let api: Api | Client | undefined;
  const sockets: Closable[] = [];
  beforeAll(async () => {
    mock = await startMockchat(options);
    api = makeApi ? makeApi(mock) : client(mock);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    mock?.reset();
  });
  afterAll(async () => {
    await mock?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useMockchat: the server starts in beforeAll; use it inside hooks and tests');
    return value;
  };
  return {
    get mock() {
      return started(mock);
    },
    get api() {
      return started(api);
    },
    sockets,
    async ddp(query = '') {
      const connection = await RawDdp.connect(`${started(mock).wsUrl}${query}`);
      sockets.push(connection);
      return connection;
    },
  };
}
