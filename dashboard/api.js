/**
 * The admin API from the page. When the server has an admin token the page is opened as
 * `/__mockchat/?token=…`; the token is then sent as `Authorization: Bearer` on every fetch
 * and as `?token=` on the event stream (an EventSource cannot set headers).
 */
const token = new URLSearchParams(location.search).get('token') ?? '';

/** An admin API failure: `code` is the `MOCKCHAT_ERR_…` code, or `HTTP_<status>`. */
export class AdminError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Call the admin API and return `{ body, headers }`; throws an {@link AdminError} on a non-2xx answer.
 * @param {string} method
 * @param {string} path e.g. `/__mockchat/scenario`
 * @param {unknown} [body]
 */
export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const error = parsed && typeof parsed === 'object' ? parsed.error : undefined;
    throw new AdminError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? `${method} ${path} answered ${res.status}`);
  }
  return { body: parsed, headers: res.headers };
}

/** The live journal stream's URL (with the token when there is one). */
export function eventsUrl(backlog) {
  const q = new URLSearchParams({ backlog: String(backlog) });
  if (token) q.set('token', token);
  return `/__mockchat/events?${q}`;
}
