/**
 * The secret of the last create or reset, kept until the user clicks Hide secret: in
 * `browser.storage.session` (the `pendingSecret` item of `state.ts`), which lives in memory only,
 * survives the popup closing and the worker restarting, and by default (TRUSTED_CONTEXTS, never
 * changed here) is not readable by content scripts.
 * @module
 */
import type { Secret } from '#shared/api';
import { pendingSecret, secretExpected } from './state.ts';

/** The secret plus what the popup needs to show and export it without the region list. */
export interface PendingSecret extends Secret {
  kind: 'create' | 'reset';
  regionName: string;
  endpoint: string;
  /** The region's bucket for forms that ask for one; null or absent when it names none. */
  bucket?: string | null;
  /** The access key id the reset replaced; null for a create. */
  replacedAccessKeyId: string | null;
}

/** Notes that a create or reset is starting, so the popup's next open waits for its secret. */
export function expectSecret(): Promise<void> {
  return secretExpected.setValue(true);
}

/** Erases the secret from the extension for good. */
export async function hideSecret(): Promise<void> {
  await Promise.all([pendingSecret.removeValue(), secretExpected.removeValue()]);
}
