/**
 * The seam between autofill and whatever holds a pair: the keyboard command and the context menu
 * ask it, at the moment of the gesture, for the pair to fill.
 * @module
 */
import { pendingSecret } from '@/lib/pending-secret.ts';
import type { Fill } from './types.ts';

/** Gives the pair to fill now, or null when there is none. */
export type GetFillablePair = () => Promise<Fill | null>;

/**
 * The default provider: the pending secret of the last create or reset, until Hide secret. (The
 * remembered-keys store, once unlocked, is meant to plug in here too.)
 */
export const pendingSecretPair: GetFillablePair = async () => {
  const pending = await pendingSecret.getValue();
  if (!pending) return null;
  return { accessKeyId: pending.accessKeyId, secretAccessKey: pending.secretAccessKey, endpoint: pending.endpoint, region: pending.region };
};
