/**
 * The secret of the last create or reset, kept until the user clicks Hide secret: in
 * `browser.storage.session`, which lives in memory only, survives the popup closing and the worker
 * restarting, and by default (TRUSTED_CONTEXTS, never changed here) is not readable by content scripts.
 * @module
 */
import { storage } from 'wxt/utils/storage';
import type { Secret } from '#shared/api';

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

export const pendingSecret = storage.defineItem<PendingSecret | null>('session:pendingSecret', {
  fallback: null,
});

/** Erases the secret from the extension for good. */
export function hideSecret(): Promise<void> {
  return pendingSecret.removeValue();
}

/** Names of regions whose key failed its last verification, as the popup last saw them; drives the toolbar badge. */
export const unverifiedRegions = storage.defineItem<string[]>('session:unverifiedRegions', { fallback: [] });
