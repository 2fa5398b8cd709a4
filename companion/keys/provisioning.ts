/**
 * A key change that spans the registry and a region's S3 service, made crash-safe: the intent is
 * recorded first (durably, visible to every instance), then the service is changed, then the result is
 * committed to the registry, then the intent is cleared. A failure undoes the service change; a crash,
 * or an undo that fails too, leaves the intent for reconciliation.
 * @module
 */
import { AppError } from '../app-error.ts';
import { BackendUnavailableError } from '../backends/s3-backend.ts';
import type { Intent } from '../storage/data.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';
import type { FaultPoints } from './fault-points.ts';

export interface KeyChange {
  intent: Intent;
  /**
   * Nothing outside the registry changes (a registry-only region): the registry's own transaction is the
   * whole change, so there is no intent to journal and nothing for reconciliation to repair.
   */
  registryOnly?: boolean;
  /** Changes the S3 service. */
  apply(): Promise<void>;
  /** Puts the S3 service back as it was before `apply`. */
  undo(): Promise<void>;
  /** Records the outcome in the registry. */
  commit(): Promise<void>;
}

export async function runKeyChange(
  storage: RegistryStorage,
  faults: FaultPoints,
  change: KeyChange,
): Promise<void> {
  const { intent } = change;
  const journaled = !change.registryOnly;
  const clearIntent = async () => {
    if (journaled) await storage.clearIntents({ accessKeyId: intent.accessKeyId });
  };
  const abandon = async () => {
    try {
      await change.undo();
    } catch {
      // The service may still hold the change: the intent stays, so reconciliation finishes the undo.
      return;
    }
    await clearIntent().catch(() => undefined);
  };

  if (journaled) {
    await storage.addIntent(intent).catch((error: unknown) => {
      throw notSaved(error);
    });
  }
  try {
    await change.apply();
  } catch (error) {
    await abandon();
    throw unavailable(error);
  }
  await faults.hit(`${intent.action}:before-commit`);
  try {
    await change.commit();
  } catch (error) {
    await abandon();
    throw notSaved(error);
  }
  // Committed. The answer need not wait for the clear: an intent that outlives its change (even one
  // lost in a crash) only gives reconciliation one more (account, region) to check.
  void clearIntent().catch(() => undefined);
}

function unavailable(error: unknown): Error {
  if (!(error instanceof BackendUnavailableError)) return error as Error;
  return new AppError(
    'backend_unavailable',
    `The region's S3 service could not be reached or refused the change (${error.message}). Nothing was changed; try again later.`,
    { cause: error },
  );
}

function notSaved(error: unknown): Error {
  return new AppError(
    'internal_error',
    'The companion could not save the change, so it was undone. Check the companion log and the data directory, then try again.',
    { cause: error },
  );
}
