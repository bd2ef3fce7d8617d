import { WorkspaceError } from '../../errors.js';
import { meteorErrorObject } from '../../ddp/meteor-error.js';
import type { RestResponse } from '../../http/respond.js';

/**
 * Turn a thrown error into the REST answer Rocket.Chat's route wrapper gives
 * (ApiClass.ts: `failure`, `forbidden`, `tooManyRequests`).
 */
export function renderRestError(err: unknown): RestResponse {
  if (!(err instanceof WorkspaceError)) {
    return { status: 500, body: { success: false, error: 'Internal server error' } };
  }
  switch (err.kind) {
    case 'meteor':
      if (err.error === 'error-too-many-requests') return { status: 429, body: { success: false, error: err.message } };
      if (err.error === 'unauthorized' || err.error === 'error-unauthorized') return { status: 403, body: { success: false, error: err.message } };
      return { status: err.status, body: { success: false, error: err.message, errorType: err.error, ...(err.details && { details: err.details }) } };
    case 'policy':
      return { status: 400, body: { success: false, error: err.message, errorType: err.error, ...(err.details && { details: err.details }) } };
    default:
      return { status: 400, body: { success: false, error: err.message, ...(err.error !== undefined && { errorType: err.error }) } };
  }
}

/**
 * The body of a request mockchat's machinery refuses (a bad `X-Mockchat-Scenario`, a body too
 * large; a DDP upgrade with a bad `?scenario=`), as `API.v1.failure(message, errorType)` gives it.
 */
export function refusalBody(message: string, code?: string): Record<string, unknown> {
  return { success: false, error: message, ...(code && { errorType: code }) };
}

/** `API.v1.failure(errorObject)`: the serialised Meteor error itself plus `success: false`. */
export function failureWithErrorObject(err: WorkspaceError): RestResponse {
  return { status: 400, body: { ...meteorErrorObject(err.error!, err.reason, err.details), success: false } };
}

/** The 401 every auth-required route answers without valid credentials. */
export const NOT_LOGGED_IN: RestResponse = {
  status: 401,
  body: { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' },
};

/** The 403 of a route's `permissionsRequired`. */
export const NO_PERMISSION: RestResponse = {
  status: 403,
  body: { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
};

/** `API.v1.notFound()`. */
export const NOT_FOUND: RestResponse = { status: 404, body: { success: false, error: 'Resource not found' } };
