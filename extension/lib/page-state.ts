/**
 * The part of the catalogue (state.ts) kept in the extension origin's `localStorage`: what the popup
 * reads synchronously for its first paint. Declared apart so that the first paint loads this and the
 * page adapter only, not the extension storage's code; state.ts re-exports both items.
 * @module
 */
import { definePageItem } from './page-storage.ts';
import type { RegionSnapshot } from './region-cache.ts';
import { declare, type Lifetime } from './state-catalogue.ts';

const page = <T>(key: string, lifetime: Lifetime) => declare('page', key, lifetime, definePageItem<T>(key));

// key-list

/** The last region list the popup saw, shown at once on open (ids and dates, no secret). */
export const regionSnapshot = page<RegionSnapshot>('s3keys.regions.v1', { clearOn: ['sign-out'] });

// key-operation and reveal-secret

/**
 * Whether a pending secret may be waiting: set when the popup starts a create or reset, cleared at Hide
 * secret or when an open finds none. Only then does the popup's first render wait for the secret, so an
 * ordinary open shows the stored list at once and an open after a create never flashes the list first.
 */
export const secretExpected = page<boolean>('s3keys.secret-expected.v1', { clearOn: ['sign-out'] });

/**
 * The stored list when the popup shows it at once (no secret expected: after a create or reset the
 * popup waits for the secret, so the list must not flash first); null when it does not.
 */
export function listShownAtOnce(): RegionSnapshot | null {
  return secretExpected.read() ? null : regionSnapshot.read();
}
