/**
 * Why a create or reset failed, in the user's words, and the way forward: try again (the same
 * idempotency key is reused, so nothing happens twice), refresh the list (someone else changed it),
 * sign in again, or just close.
 * @module
 */
import type { Failure } from '@/lib/companion-error.ts';
import type { KeyOperation } from '@/lib/key-operation.ts';

export interface Explanation {
  message: string;
  next: 'retry' | 'refresh' | 'sign-in' | 'close';
}

export function explainFailure(operation: KeyOperation, failure: Failure): Explanation {
  const where = operation.regionName;
  const nothingChanged =
    operation.kind === 'reset' ? 'Nothing was changed: the current pair still works.' : 'No key was created.';
  switch (failure.code) {
    case 'unauthorized':
      return { message: 'The companion no longer accepts your token. Sign in again.', next: 'sign-in' };
    case 'forbidden':
      return { message: failure.message, next: 'close' };
    case 'stale_key':
      return {
        message: `Someone else reset the key for ${where} meanwhile, so ${operation.kind === 'reset' ? operation.accessKeyId : 'this key'} is no longer current. Nothing was changed. Refresh to see the current key.`,
        next: 'refresh',
      };
    case 'key_exists':
      return {
        message: `Someone in your account created a key for ${where} meanwhile. Refresh to see it; reset it if you need a new secret.`,
        next: 'refresh',
      };
    case 'key_not_found':
      return { message: `${where} has no key any more. Refresh the list, then create one.`, next: 'refresh' };
    case 'service_unavailable':
      return {
        message: `S3 is no longer available for your account in ${where}. Refresh the list.`,
        next: 'refresh',
      };
    case 'region_not_found':
      return {
        message: `The region ${operation.region} no longer exists. Refresh the list.`,
        next: 'refresh',
      };
    case 'backend_unavailable':
      return {
        message: `The S3 service of ${where} could not be reached or refused the request. ${nothingChanged} Try again in a moment.`,
        next: 'retry',
      };
    case 'idempotency_key_in_flight':
      return {
        message: 'Your first attempt is still running on the companion. Wait a few seconds, then try again.',
        next: 'retry',
      };
    case 'secret_pending':
      return { message: failure.message, next: 'close' };
    case 'unreachable':
    case 'timeout':
      return {
        message: `${failure.message} Trying again is safe: it will not ${operation.kind} a second key.`,
        next: 'retry',
      };
    default:
      return { message: failure.message, next: 'retry' };
  }
}
