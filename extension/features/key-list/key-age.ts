/**
 * How old a region's pair is, and whether it is past the rotation reminder. A pair's age counts from
 * its last reset, or its create.
 * @module
 */
const DAY_MS = 86_400_000;

/** Whole days since `madeAt`. */
export function keyAgeDays(madeAt: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(madeAt)) / DAY_MS));
}

/** "made today", "1 day old", "12 days old". */
export function describeKeyAge(days: number): string {
  if (days === 0) return 'made today';
  return days === 1 ? '1 day old' : `${days} days old`;
}

/** Whether a pair `days` old is past a reminder of `reminderDays` (null: the reminder is off). */
export function rotationDue(days: number, reminderDays: number | null): boolean {
  return reminderDays !== null && days >= reminderDays;
}
