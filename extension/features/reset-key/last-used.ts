/**
 * "Last used" in the reset dialog, worded at the usage log's precision: RGW counts requests in
 * one-hour buckets, so a use in the bucket that starts at 10:00 happened between 10:00 and 11:00,
 * and the sentence says no more than that.
 * @module
 */
import type { KeyUsage } from '#shared/api';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "within the last hour", "within the last 5 hours", "3 days ago", or null when the service cannot tell. */
export function describeLastUsed(usage: KeyUsage, now = Date.now()): string | null {
  if (!usage.known || !usage.lastUsedHour) return null;
  // The newest use was at most this long ago (the start of its hour bucket).
  const atMost = Math.max(0, now - Date.parse(usage.lastUsedHour));
  if (atMost <= HOUR_MS) return 'within the last hour';
  if (atMost < DAY_MS) return `within the last ${Math.ceil(atMost / HOUR_MS)} hours`;
  const days = Math.floor(atMost / DAY_MS);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}
