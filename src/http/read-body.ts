import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes`);
  }
}

/** Collect a request body up to `limit` bytes; rejects with BodyTooLarge past it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface ParsedBody {
  value: unknown;
  /** Set when the body could not be parsed and was treated as `{}` (as Rocket.Chat does). */
  warning?: string;
}

/**
 * Parse a body as Rocket.Chat's API does: JSON, urlencoded, or nothing. An unparseable
 * body becomes `{}` so the route answers with its normal validation error.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { value: {} };
  // The common case (`application/json` exactly) skips the split and case folding.
  const type = contentType === 'application/json' ? contentType : (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return { value: Object.fromEntries(new URLSearchParams(text)) };
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/plain') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { value: {}, warning: 'request body is not valid JSON; treated as {} as Rocket.Chat does' };
    }
  }
  return { value: {}, warning: `content type ${type} is not parsed; body treated as {} as Rocket.Chat does` };
}
