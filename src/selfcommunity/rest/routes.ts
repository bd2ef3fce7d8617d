import type { RestResponse } from '../../http/respond.js';
import { createAccount } from '../accounts/create-account.js';
import { checkValidationCode, recoverAccount, resetPassword, verifyAccount } from '../accounts/recovery.js';
import { searchAccount } from '../accounts/search-account.js';
import { revokeToken, tokenGrant } from '../oauth.js';
import { userView } from '../sc-user.js';
import type { ScRoute } from './sc-route.js';

/** Header carrying the code of the email an answer "sent" (mockchat's own; the real server only emails it). */
export const VALIDATION_CODE_HEADER = 'X-Mockchat-Validation-Code';

const json = (status: number, body: unknown, headers?: Record<string, string>): RestResponse => ({ status, body, ...(headers && { headers }) });

/** The emulated SelfCommunity routes (specs/selfcommunity.rest.yaml). */
export const SELFCOMMUNITY_ROUTES: readonly ScRoute[] = [
  { method: 'POST', path: '/oauth/token/', action: ({ community, body }) => json(200, tokenGrant(community, body)) },
  {
    method: 'POST',
    path: '/oauth/revoke_token/',
    action: ({ community, body }) => {
      revokeToken(community, body);
      return json(200, undefined);
    },
  },
  {
    method: 'POST',
    path: '/api/v2/account/create/',
    auth: 'admin',
    action: ({ community, body }) => {
      const { user, validationCode } = createAccount(community, body);
      return json(201, userView(user, { email: true }), { [VALIDATION_CODE_HEADER]: validationCode });
    },
  },
  { method: 'POST', path: '/api/v2/account/verify/', action: ({ community, body }) => json(200, verifyAccount(community, body)) },
  { method: 'POST', path: '/api/v2/account/verify/validation_code/', action: ({ community, body }) => json(200, checkValidationCode(community, body)) },
  {
    method: 'POST',
    path: '/api/v2/account/recover/',
    action: ({ community, body }) => json(204, undefined, { [VALIDATION_CODE_HEADER]: recoverAccount(community, body) }),
  },
  { method: 'POST', path: '/api/v2/account/reset/', action: ({ community, body }) => json(200, resetPassword(community, body)) },
  {
    method: 'GET',
    path: '/api/v2/account/search/',
    auth: 'admin',
    action: ({ community, query }) => json(200, userView(searchAccount(community, query), { email: true, status: true })),
  },
  { method: 'GET', path: '/api/v2/user/me/', auth: 'user', action: ({ user }) => json(200, userView(user!, { email: true, role: true })) },
];
