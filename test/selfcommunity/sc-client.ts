import type { Mockchat } from '../../src/index.js';
import { client, type Reply } from '../support/start-mockchat.js';

/** Seeded SelfCommunity credentials (seeds/selfcommunity.json). */
export const ADMIN = { username: 'admin', password: 'Admin-pass-1', token: 'sc-admin-token' };
export const MEMBER = { username: 'member', password: 'Member-pass-1', token: 'sc-member-token' };
export const CLIENT_ID = 'mockchat-selfcommunity';
export const CREATE = '/api/v2/account/create/';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const asAdmin = bearer(ADMIN.token);

/** A field error body with one message. */
export const fieldError = (field: string, code: string, message: string) => ({ errors: [{ field, messages: [{ code, message }] }] });
export const nonFieldError = (code: string, message: string) => ({ errors: [{ code, message }] });

export const jane = (extra: Record<string, unknown> = {}) => ({ username: 'jane', email: 'jane@example.com', password: 'Jane-pass-1', ...extra });

/** The REST helpers plus SelfCommunity's form-encoded OAuth call. */
export function scClient(mock: Mockchat) {
  const api = client(mock);
  return {
    ...api,
    create: (body: unknown, headers: Record<string, string> = asAdmin) => api.post(CREATE, body, headers),
    async form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
      const res = await fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async token(username: string, password: string): Promise<string> {
      const r = await this.form('/oauth/token/', { grant_type: 'password', username, password, client_id: CLIENT_ID });
      if (r.status !== 200) throw new Error(`token failed: ${JSON.stringify(r.body)}`);
      return r.body.access_token as string;
    },
  };
}
