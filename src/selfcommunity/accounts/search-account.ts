import { DEFAULT_PROVIDER, type Community } from '../community.js';
import { FieldErrors, scRaise } from '../sc-errors.js';
import type { ScUser } from '../sc-user.js';

/** Providers `ext_id` may belong to (`external` for a custom provider). */
export const PROVIDERS = ['facebook', 'google', 'linkedin', 'twitter', 'keycloak', 'azure-ad', DEFAULT_PROVIDER];

/**
 * `GET /api/v2/account/search/`: exactly one of `username`, `email`, or the pair
 * `ext_id` + `provider` (400 otherwise); 404 when nobody matches.
 */
export function searchAccount(c: Community, query: Record<string, string>): ScUser {
  const given = (k: string) => query[k] !== undefined && query[k] !== '';
  const byName = given('username');
  const byEmail = given('email');
  const byExt = given('ext_id') || given('provider');
  if (Number(byName) + Number(byEmail) + Number(byExt) !== 1 || (byExt && !(given('ext_id') && given('provider')))) throw scRaise('SEARCH_PARAMS');
  let user: ScUser | undefined;
  if (byName) user = c.findByUsername(query.username);
  else if (byEmail) user = c.findByEmail(query.email);
  else {
    if (!PROVIDERS.includes(query.provider)) {
      const errors = new FieldErrors();
      errors.add('provider', 'CHOICE_INVALID', { value: query.provider });
      errors.throwIfAny();
    }
    user = c.findByExtId(query.ext_id, query.provider);
  }
  if (!user) throw scRaise('NOT_FOUND');
  return user;
}
