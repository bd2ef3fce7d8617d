import type EjsonModule from 'ejson';
import { jsonTooDeep } from '../json-values.js';
import { requireCjs } from '../require-cjs.js';

// Loaded with require: see require-cjs.ts.
const EJSON = requireCjs('ejson') as typeof EjsonModule;

/** A parsed client frame: a JSON object, `msg` not yet checked (Meteor's `parseDDP`). */
export type DdpMessage = Record<string, unknown>;

export interface ConnectMessage extends DdpMessage {
  msg: 'connect';
  version: unknown;
  support: unknown;
}

export interface MethodMessage extends DdpMessage {
  msg: 'method';
  id: string;
  method: string;
  params?: unknown[];
  randomSeed?: string;
}

export interface SubMessage extends DdpMessage {
  msg: 'sub';
  id: string;
  name: string;
  params?: unknown[];
}

/** What `parseDdp` returns for a frame nested deeper than the limit (mockchat's guard, not Meteor's). */
export const TOO_DEEP = 'too-deep';

/**
 * Parse one text frame as Meteor's `parseDDP` does: JSON that is not an object (or not JSON
 * at all) is `null`, which the session answers with a bare `Bad request`. EJSON in `params`
 * (`$date`, `$binary`, `$type`, `$escape`) is decoded here; a broken EJSON value is `null` too.
 * A frame nesting deeper than `maxDepth` is `TOO_DEEP`, before any recursive EJSON work.
 */
export function parseDdp(text: string, maxDepth = Number.MAX_SAFE_INTEGER): DdpMessage | null | typeof TOO_DEEP {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (jsonTooDeep(text, value, maxDepth)) return TOO_DEEP;
  const message = value as DdpMessage;
  // Every EJSON form is an object with a "$" key ($date, $binary, $type, $escape, $InfNaN,
  // $regexp): a frame without `"$` (or a `\u0024` escape, which JSON.parse turns into `$`)
  // decodes to itself, so EJSON's copying walk is skipped.
  if (Array.isArray(message.params) && (text.includes('"$') || text.includes('\\u0024'))) {
    try {
      message.params = fromJSONValue(message.params) as unknown[];
    } catch {
      return null;
    }
  }
  return message;
}

// @types/ejson declares these as string-based; at runtime both take and return JSON values.
const fromJSONValue = EJSON.fromJSONValue as unknown as (value: unknown) => unknown;
const toJSONValue = EJSON.toJSONValue as unknown as (value: unknown) => unknown;

const EJSON_KEYS = ['result', 'fields', 'params'] as const;

/** Serialise a server frame as Meteor's `stringifyDDP`: EJSON in `result`, `fields`, `params`. */
export function stringifyDdp(message: DdpMessage): string {
  let copy = message;
  for (const key of EJSON_KEYS) {
    if (message[key] !== undefined && !isPlainJson(message[key], 0)) {
      if (copy === message) copy = { ...message };
      copy[key] = toJSONValue(message[key]);
    }
  }
  return JSON.stringify(copy);
}

/**
 * Whether EJSON.toJSONValue would return an equal value: only finite numbers, strings,
 * booleans, null, arrays and plain objects without `$` keys (which EJSON escapes). Dates,
 * binary, custom types and anything else take EJSON's path. Checking is much cheaper than
 * EJSON's deep copy of every result.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 32) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (key.startsWith('$') || !isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * `{"msg":"updated","methods":[id]}` as text, byte for byte what `stringifyDdp` gives for that
 * frame: every method call sends one, so it skips building and checking an object.
 */
export const updatedFrame = (id: string): string => `{"msg":"updated","methods":[${JSON.stringify(id)}]}`;

/** `{"msg":"error","reason":…,"offendingMessage":…}`; without an offending message when there is none. */
export function errorFrame(reason: string, offendingMessage?: DdpMessage): DdpMessage {
  return { msg: 'error', reason, ...(offendingMessage !== undefined && { offendingMessage }) };
}

const optionalArray = (m: DdpMessage, key: string) => !(key in m) || Array.isArray(m[key]);

/** Meteor's `protocol_handlers.method` guard: id and method strings, params an array if present. */
export function isMethodMessage(m: DdpMessage): m is MethodMessage {
  return typeof m.id === 'string' && typeof m.method === 'string' && optionalArray(m, 'params') && (!('randomSeed' in m) || typeof m.randomSeed === 'string');
}

/** Meteor's `protocol_handlers.sub` guard: id and name strings, params an array if present. */
export function isSubMessage(m: DdpMessage): m is SubMessage {
  return typeof m.id === 'string' && typeof m.name === 'string' && optionalArray(m, 'params');
}

/** DDP versions this server speaks, in Meteor's order of preference. */
export const SUPPORTED_VERSIONS = ['1', 'pre2', 'pre1'] as const;

/**
 * Version negotiation (Meteor's `handleConnect` + `calculateVersion`): the connect message
 * must name a `version` that its own `support` list contains; the chosen version is the
 * first of the client's list that we speak. Returns the version to use, or the version to
 * announce in a `failed` frame.
 */
export function negotiateVersion(m: DdpMessage): { ok: true; version: string } | { ok: false; version: string } {
  const { version, support } = m;
  if (typeof version !== 'string' || !Array.isArray(support) || !support.every((s) => typeof s === 'string') || !support.includes(version)) {
    return { ok: false, version: SUPPORTED_VERSIONS[0] };
  }
  const chosen = (support as string[]).find((s) => (SUPPORTED_VERSIONS as readonly string[]).includes(s)) ?? SUPPORTED_VERSIONS[0];
  return chosen === version ? { ok: true, version } : { ok: false, version: chosen };
}

const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** Meteor's `Random.id()`: 17 characters of its unmistakable alphabet. */
export function randomId(length = 17): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += UNMISTAKABLE[b % UNMISTAKABLE.length];
  return id;
}
