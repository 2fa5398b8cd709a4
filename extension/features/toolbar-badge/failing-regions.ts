/**
 * Which regions' keys the badge flags, from the quick checks: shared by the popup's refresh and the
 * background's periodic check, apart from the latter so the popup does not load the worker's client.
 * @module
 */
import type { Region, RegionCheck } from '#shared/api';

/** The names of the regions whose current key failed its signed check. */
export function failingRegionNames(checks: readonly RegionCheck[], regions: readonly Region[]): string[] {
  return checks
    .filter((c) => c.keyVerified === false)
    .map((c) => regions.find((r) => r.id === c.id)?.name ?? c.id);
}
