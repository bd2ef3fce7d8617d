import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tenant } from '../admin/tenants.js';
import { MockchatConfigError } from '../errors.js';
import { operationOf, type Journal } from '../journal.js';
import { planFaults, sleep } from '../scenarios/apply-faults.js';
import { faultsFor } from '../scenarios/scenario.js';
import { parseBody, readBody, refuseBody } from './read-body.js';
import { joinedHeader } from './headers.js';
import { sendJson, type RestResponse } from './respond.js';
import type { RestProduct } from './rest-product.js';

export interface RestRequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: Record<string, string>;
  tenant: Tenant;
  /** The product adapter that owns the path. */
  product: RestProduct;
  journal: Journal;
  bodyLimit: number;
  /** Deepest accepted JSON nesting of a body; deeper answers 400 MOCKCHAT_ERR_JSON_DEPTH. */
  maxJsonDepth: number;
  started: number;
}

const BRIDGE = /^\/api\/v1\/method\.call(?:Anon)?\/([^/]+)$/;

/**
 * One REST request of any emulated product: the per-request scenario (`X-Mockchat-Scenario`), its faults,
 * the body (limit, parsing as Rocket.Chat does), the product's route, and a journal entry.
 */
export async function serveRest(c: RestRequestContext): Promise<number> {
  const { req, res, path } = c;
  let scoped;
  try {
    scoped = c.tenant.scenarios.scoped(joinedHeader(req.headers['x-mockchat-scenario']));
  } catch (error) {
    if (!(error instanceof MockchatConfigError)) throw error;
    return send(c, c.product.refuse(400, error.message, error.code));
  }
  const plan = planFaults(faultsFor(scoped.scenario, { route: path, method: BRIDGE.exec(path)?.[1] }));
  if (plan.delayMs) await sleep(plan.delayMs);
  if (plan.drop) {
    req.socket.destroy();
    return 0;
  }
  let body: unknown = {};
  let warning: string | undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    try {
      const parsed = parseBody(await readBody(req, c.bodyLimit), req.headers['content-type'], c.maxJsonDepth);
      body = parsed.value;
      warning = parsed.warning;
    } catch (error) {
      return refuseBody(error, res, c.product);
    }
  }
  let response: RestResponse =
    plan.status !== undefined
      ? { status: plan.status, body: plan.body ?? c.product.refuse(plan.status, plan.reason!).body }
      : c.product.handle(scoped, { req, path, query: c.query, body, clientAddress: req.socket.remoteAddress ?? '' });
  if (warning) response = { ...response, headers: { ...response.headers, 'X-Mockchat-Warning': warning } };
  send(c, response);
  record(c, req.method === 'GET' ? c.query : body, response);
  return response.status;
}

function send(c: RestRequestContext, response: RestResponse): number {
  sendJson(c.res, response);
  return response.status;
}

function record(c: RestRequestContext, body: unknown, response: RestResponse): void {
  let operation = operationOf(c.path);
  let args = body;
  let answer = response.body;
  // The method.call bridge: journal the method and its answer inside the EJSON messages, as
  // for a DDP call, so their secrets (a login token) are redacted like any other.
  const bridged = BRIDGE.test(c.path) ? parseMessage(body) : undefined;
  if (bridged && typeof bridged.method === 'string') {
    operation = bridged.method;
    args = Array.isArray(bridged.params) ? bridged.params[0] : undefined;
    answer = { ...(response.body as object), message: parseMessage(response.body) ?? '[unparsed]' };
  }
  c.journal.record({
    transport: 'http',
    operation,
    args,
    method: c.req.method ?? 'GET',
    path: c.path,
    status: response.status,
    response: answer,
    error: c.product.errorOf(response),
    durationMs: performance.now() - c.started,
    sandbox: c.tenant.name || undefined,
  });
}

function parseMessage(body: unknown): Record<string, unknown> | undefined {
  try {
    const m = JSON.parse((body as { message: string }).message) as unknown;
    return m && typeof m === 'object' ? (m as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

