import { raise } from '../errors.js';
import type { Method } from './methods.js';

/**
 * Real Rocket.Chat methods outside registration that clients may call. mockchat does not
 * emulate them; it answers as Rocket.Chat answers a caller without the right to use them:
 * `error-invalid-user` ("Invalid user") for an anonymous connection, `error-not-allowed`
 * ("Not allowed") for a logged-in one — each with `details.method`, never a 404 or a crash.
 */
export const UNEMULATED_METHODS = [
  'sendMessage', 'updateMessage', 'deleteMessage', 'getSingleMessage', 'loadHistory', 'loadNextMessages', 'readMessages',
  'setReaction', 'starMessage', 'pinMessage', 'unpinMessage', 'createChannel', 'createPrivateGroup', 'createDirectMessage',
  'joinRoom', 'leaveRoom', 'hideRoom', 'openRoom', 'eraseRoom', 'toggleFavorite', 'addUsersToRoom', 'muteUserInRoom',
  'getRoomRoles', 'getUserRoles', 'getUsersOfRoom', 'getRoomById', 'getRoomByTypeAndName', 'rooms/get', 'subscriptions/get',
  'permissions/get', 'spotlight', 'saveUserPreferences', 'saveUserProfile', 'setUserStatus', 'UserPresence:online',
  'UserPresence:away', 'UserPresence:setDefaultStatus', 'setAvatarFromService', 'resetAvatar', 'deleteUserOwnAccount',
  'insertOrUpdateUser', 'deleteUser', 'setUserActiveStatus', 'personalAccessTokens:generateToken', 'createToken',
  'sendConfirmationEmail', 'sendForgotPasswordEmail', 'logoutCleanUp', 'getSetupWizardParameters', 'license:getModules',
] as const;

export const unemulated = (name: string): Method => (ctx) => {
  if (!ctx.userId) throw raise('INVALID_USER', {}, { method: name });
  throw raise('METHOD_NOT_ALLOWED', {}, { method: name });
};
