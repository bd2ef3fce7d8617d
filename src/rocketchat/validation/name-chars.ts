const FORBIDDEN = /[<>/\\]/;

/** `validateNameChars`: a name may not contain `<`, `>`, `/` or `\`, raw or URI-encoded. */
export function hasValidNameChars(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  if (FORBIDDEN.test(name)) return false;
  try {
    return !FORBIDDEN.test(decodeURI(name));
  } catch {
    return false;
  }
}
