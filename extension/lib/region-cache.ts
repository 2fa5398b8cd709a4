/**
 * The last region list the popup saw, so it can show it at once on open and refresh behind it. Kept in
 * the extension origin's `localStorage`: it is read synchronously before the first render, content
 * scripts cannot read it, and it holds no secret (access key ids and dates only).
 * @module
 */
import type { Me, Region, RegionCheck } from '#shared/api';

export interface RegionSnapshot {
  me: Me;
  regions: Region[];
  /** The quick checks of `/api/v1/status`; empty until they arrive. */
  checks: RegionCheck[];
  fetchedAt: string;
}

const KEY = 's3keys.regions.v1';

/** The snapshot, or null when there is none or it cannot be read. */
export function readSnapshot(store: Storage = localStorage): RegionSnapshot | null {
  try {
    const raw = store.getItem(KEY);
    return raw ? (JSON.parse(raw) as RegionSnapshot) : null;
  } catch {
    return null;
  }
}

export function writeSnapshot(snapshot: RegionSnapshot, store: Storage = localStorage): void {
  store.setItem(KEY, JSON.stringify(snapshot));
}

/** Forgets the list, e.g. on sign-in and sign-out, so one user never sees another's. */
export function clearSnapshot(store: Storage = localStorage): void {
  store.removeItem(KEY);
}
