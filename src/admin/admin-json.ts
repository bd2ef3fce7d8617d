import type { IncomingMessage } from 'node:http';
import { MockchatConfigError, type MockchatErrorCode } from '../errors.js';
import { bodyRefusal, parseJson, readBody, type BodyRefuser } from '../http/read-body.js';
import type { RestResponse } from '../http/respond.js';

/** The admin API's error answer: `{"error": {"code", "message"}}` (docs/admin-api.md). */
export const adminError = (status: number, error: { code: MockchatErrorCode; message: string }): RestResponse => ({
  status,
  body: { error: { code: error.code, message: error.message } },
});

/**
 * The admin API's format for `bodyRefusal`: a 413 is `MOCKCHAT_ERR_BODY_TOO_LARGE`; the one 400
 * it gives (a body nested too deep, `JsonTooDeep`) carries its own code.
 */
const ADMIN_BODY_REFUSER: BodyRefuser = {
  refuse: (status, message, code) => adminError(status, new MockchatConfigError(status === 413 ? 'MOCKCHAT_ERR_BODY_TOO_LARGE' : (code as MockchatErrorCode), message)),
};

/**
 * Read a JSON body for the admin API or the data API (an empty body is `{}`): the value, or the
 * answer refusing it. Not JSON: 400 `MOCKCHAT_ERR_BAD_JSON`; nested deeper than `maxJsonDepth`:
 * 400 `MOCKCHAT_ERR_JSON_DEPTH`; over `bodyLimit`: 413 with `Connection: close`, as the
 * products answer (`bodyRefusal`).
 */
export async function readAdminJson(req: IncomingMessage, bodyLimit: number, maxJsonDepth: number): Promise<{ value: unknown } | { refusal: RestResponse }> {
  try {
    const raw = await readBody(req, bodyLimit);
    return { value: raw.length === 0 ? {} : parseJson(raw.toString('utf8'), maxJsonDepth) };
  } catch (error) {
    if (error instanceof SyntaxError) return { refusal: adminError(400, new MockchatConfigError('MOCKCHAT_ERR_BAD_JSON', error.message)) };
    return { refusal: bodyRefusal(error, ADMIN_BODY_REFUSER) };
  }
}
