/**
 * The two-phase moves between a region's S3 service and the registry. Each either completes or undoes
 * what it did on the service, so a failure leaves the service as it was: no stray pair, old pair intact.
 * @module
 */
import { AppError } from '../app-error.ts';
import { BackendUnavailableError, type BackendUser, type S3Backend } from '../backends/s3-backend.ts';
import type { Credentials } from './credentials.ts';

/** Adds `credentials` on the service, then runs `commit`; undoes the add if either fails. */
export async function provision(backend: S3Backend, user: BackendUser, credentials: Credentials, commit: () => Promise<void>) {
  try {
    await backend.ensureUser(user);
    await backend.addKey(user, credentials);
  } catch (error) {
    await backend.removeKey(user, credentials.accessKeyId).catch(() => undefined);
    throw unavailable(error);
  }
  try {
    await commit();
  } catch (error) {
    await backend.removeKey(user, credentials.accessKeyId).catch(() => undefined);
    throw notSaved(error);
  }
}

/** Adds `next`, removes `previous`, then runs `commit`; on failure restores `previous` and drops `next`. */
export async function replace(backend: S3Backend, user: BackendUser, previous: Credentials, next: Credentials, commit: () => Promise<void>) {
  const rollBack = async () => {
    await backend.addKey(user, previous).catch(() => undefined);
    await backend.removeKey(user, next.accessKeyId).catch(() => undefined);
  };
  try {
    await backend.ensureUser(user);
    await backend.addKey(user, next);
    await backend.removeKey(user, previous.accessKeyId);
  } catch (error) {
    await rollBack();
    throw unavailable(error);
  }
  try {
    await commit();
  } catch (error) {
    await rollBack();
    throw notSaved(error);
  }
}

function unavailable(error: unknown): Error {
  if (!(error instanceof BackendUnavailableError)) return error as Error;
  return new AppError('backend_unavailable', `The region's S3 service could not be reached or refused the change (${error.message}). Nothing was changed; try again later.`, { cause: error });
}

function notSaved(error: unknown): Error {
  return new AppError('internal_error', 'The companion could not save the change, so it was undone. Check the companion log and the data directory, then try again.', { cause: error });
}
