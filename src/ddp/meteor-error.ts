import { raise, WorkspaceError } from '../errors.js';

/** A Meteor.Error as it travels in DDP `result.error` and `nosub.error` frames. */
export interface MeteorErrorObject {
  isClientSafe: true;
  error: string | number;
  reason: string;
  message: string;
  errorType: 'Meteor.Error';
  details?: unknown;
}

export function meteorErrorObject(error: string | number, reason: string, details?: unknown): MeteorErrorObject {
  return {
    isClientSafe: true,
    error,
    reason,
    message: reason ? `${reason} [${error}]` : `[${error}]`,
    errorType: 'Meteor.Error',
    ...(details !== undefined && { details }),
  };
}

/**
 * What a DDP client sees for a thrown error (Meteor's `wrapInternalException`): Meteor
 * errors as they are, `check()` failures as `Match failed [400]`, anything else as
 * `Internal server error [500]`.
 */
export function sanitizedError(err: unknown): MeteorErrorObject {
  const e = err instanceof WorkspaceError && err.kind === 'match' ? raise('MATCH_FAILED') : err;
  return e instanceof WorkspaceError && e.kind === 'meteor' ? toMeteorErrorObject(e) : toMeteorErrorObject(raise('INTERNAL'));
}

/** A registered Meteor error as its wire object. */
export function toMeteorErrorObject(err: WorkspaceError): MeteorErrorObject {
  return meteorErrorObject(err.error!, err.reason, err.details);
}
