import { lastOperation } from './key-operation.ts';
import { pendingSecret, unverifiedRegions } from './pending-secret.ts';
import { clearSnapshot } from './region-cache.ts';
import { connection } from './settings.ts';

/** Forgets the token and everything learnt with it: the list, a pending secret, an unfinished operation. */
export async function signOut(): Promise<void> {
  clearSnapshot();
  await Promise.all([
    connection.removeValue(),
    pendingSecret.removeValue(),
    lastOperation.removeValue(),
    unverifiedRegions.removeValue(),
  ]);
}
