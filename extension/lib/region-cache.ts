/**
 * The last region list the popup saw, so it can show it at once on open and refresh behind it. Kept in
 * the extension origin's `localStorage` (the `regionSnapshot` item of `state.ts`): it is read
 * synchronously before the first render, content scripts cannot read it, and it holds no secret
 * (access key ids and dates only).
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
