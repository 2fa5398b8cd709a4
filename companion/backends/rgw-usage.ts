/**
 * Reading RGW's usage log (Admin Ops `GET /admin/usage`): per user, per bucket, one-hour buckets of
 * request counts by category. It is the gateway's own record of use, so "last used" is never a guess.
 * @module
 */
import type { UsageReading } from './s3-backend.ts';

/** The part of RGW's `GET /admin/usage?show-entries` answer this reads. */
export interface UsageLog {
  entries?: {
    buckets?: { epoch?: number; categories?: { category?: string; ops?: number }[] }[];
  }[];
}

/**
 * The companion's own key check (GET /api/v1/status) is a signed ListBuckets with the pair: never count
 * it as use (RGW's Admin Ops answer leaves bucket-less requests out anyway).
 */
const OWN_CHECK_CATEGORY = 'list_buckets';

const HOUR_MS = 3_600_000;

/** `since` as RGW's `start` parameter wants it ("YYYY-MM-DD HH:MM:SS", UTC), floored to its hour. */
export function usageTime(since: string): string {
  const hour = new Date(Math.floor(Date.parse(since) / HOUR_MS) * HOUR_MS);
  return hour.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The newest hour with a request other than the companion's own check. None means the log holds no
 * use since then: the pair is unused, or the log is off — the gateway cannot tell these apart, so
 * neither does this.
 */
export function readUsage(log: UsageLog): UsageReading {
  const used = (log.entries ?? [])
    .flatMap((entry) => entry.buckets ?? [])
    .filter((hour) =>
      (hour.categories ?? []).some((c) => c.category !== OWN_CHECK_CATEGORY && (c.ops ?? 0) > 0),
    );
  if (used.length === 0)
    return {
      known: false,
      detail:
        "The gateway's usage log records no use since this pair was made: either it was not used or the log is off.",
    };
  const newest = Math.max(...used.map((hour) => hour.epoch ?? 0));
  return { known: true, lastUsedHour: new Date(newest * 1000).toISOString() };
}
