import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { DdpContract } from '../../src/spec/ddp-contract.js';
import type { Frame, RawDdp } from './ddp-client.js';

/** The packaged DDP contract (specs/rocketchat.ddp.yaml). */
export const ddpContract = DdpContract.load(fileURLToPath(new URL('../../specs/rocketchat.ddp.yaml', import.meta.url)));

/** Meteor's sanitised `check()` failure, exactly as a DDP client sees it. */
export const MATCH_FAILED = { isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error' };

/** Fail the test unless a successful `result` frame of `method` matches its `result` schema. */
export function expectContractResult(method: string, frame: Frame): void {
  expect(frame.error, `${method} answered an error`).toBeUndefined();
  expect(ddpContract.resultProblem(method, frame), `${method} result ${JSON.stringify(frame.result)}`).toBeUndefined();
}

/**
 * Call a method over a raw DDP connection and return its result, failing the test when the
 * call errs or the result breaks the contract. For any DDP test:
 * @example
 * const id = await callChecked(ddp, 'registerUser', { email, pass, name });
 */
export async function callChecked(ddp: RawDdp, method: string, ...params: unknown[]): Promise<any> {
  const { result } = await ddp.call(method, ...params);
  expectContractResult(method, result);
  return result.result;
}
