import { WorkspaceError } from '../errors.js';

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
  if (err instanceof WorkspaceError) {
    if (err.kind === 'meteor') return meteorErrorObject(err.error!, err.reason, err.details);
    if (err.kind === 'match') return meteorErrorObject(400, 'Match failed');
  }
  return meteorErrorObject(500, 'Internal server error');
}

/**
 * What the REST `method.call` bridge puts in its `message`: the thrown error's own fields,
 * unsanitised (Rocket.Chat 7.x does not sanitise there).
 */
export function unsanitizedError(err: unknown): Record<string, unknown> {
  if (err instanceof WorkspaceError) {
    if (err.kind === 'meteor') return { ...meteorErrorObject(err.error!, err.reason, err.details) };
    if (err.kind === 'match') {
      return { message: err.message, path: (err.details as { path?: string } | undefined)?.path ?? '', sanitizedError: meteorErrorObject(400, 'Match failed'), errorType: 'Match.Error' };
    }
    if (err.kind === 'policy') return { error: err.error, ...(err.details !== undefined && { details: err.details }) };
  }
  return {};
}
