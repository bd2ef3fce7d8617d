import type { IncomingMessage } from 'node:http';
import type { ScopedState } from '../scenarios/scenario-controller.js';
import type { RestResponse } from './respond.js';

/** One REST request as a product adapter sees it (body already read and parsed). */
export interface IncomingRest {
  req: IncomingMessage;
  path: string;
  query: Record<string, string>;
  body: unknown;
  clientAddress: string;
}

/**
 * An emulated product's REST surface (Rocket.Chat, SelfCommunity). The shared machinery
 * (`serveRest`: per-request scenario, faults, body, journal) picks the adapter that owns the
 * path and hands it the tenant's scenario-scoped state; the adapter picks its own part.
 */
export interface RestProduct {
  /** Short name, e.g. `rocketchat`. */
  readonly name: string;
  /** Whether this adapter serves the path. */
  owns(path: string): boolean;
  /** The emulated routes (method and OpenAPI path template), e.g. for `mockchat routes`. */
  readonly routes: readonly { method: string; path: string }[];
  /** Whether an emulated route serves `method path`; when none does, a spec operation may (the Prism fallback). */
  serves(method: string, path: string): boolean;
  handle(state: ScopedState, incoming: IncomingRest): RestResponse;
  /** The product's wire format for a request the machinery refuses (bad scenario header, body too large). */
  refuse(status: number, message: string, code?: string): RestResponse;
  /** The error id of an answer, for the journal (`errorType`, an `errors[].code`, …). */
  errorOf(response: RestResponse): string | number | undefined;
}
