/**
 * Checks the keys in the background every 15 minutes, on an alarm (it survives worker restarts), so the
 * badge turns red for a key that failed verification without the popup being opened.
 * @module
 */
import type { Region, RegionCheck } from '#shared/api';
import { browser } from 'wxt/browser';
import { createCompanionClient, type CompanionClient } from '@/lib/companion-client.ts';
import { connection, unverifiedRegions } from '@/lib/state.ts';

export const VERIFICATION_ALARM = 'verify-keys';
export const VERIFICATION_PERIOD_MINUTES = 15;

/** The names of the regions whose current key failed its signed check. */
export function failingRegionNames(checks: readonly RegionCheck[], regions: readonly Region[]): string[] {
  return checks
    .filter((c) => c.keyVerified === false)
    .map((c) => regions.find((r) => r.id === c.id)?.name ?? c.id);
}

/** Records which regions' keys fail now; signed out or without key rights, none. */
export async function checkKeyVerification(client: CompanionClient | null): Promise<void> {
  if (!client) return unverifiedRegions.setValue([]);
  try {
    if (!(await client.me()).canManageKeys) return unverifiedRegions.setValue([]);
    const [regions, checks] = await Promise.all([client.regions(), client.status()]);
    await unverifiedRegions.setValue(failingRegionNames(checks, regions));
  } catch {
    // Unreachable or refused: the popup explains that when opened; the badge keeps its last word.
  }
}

const signedInClient = async () => {
  const saved = await connection.getValue();
  return saved ? createCompanionClient(saved) : null;
};

/** Schedules the periodic check (once) and runs it on each alarm. Returns a function that stops listening. */
export function watchKeyVerification({ alarms = browser.alarms, client = signedInClient } = {}) {
  void alarms.get(VERIFICATION_ALARM).then(async (existing) => {
    if (!existing)
      await alarms.create(VERIFICATION_ALARM, {
        delayInMinutes: 1,
        periodInMinutes: VERIFICATION_PERIOD_MINUTES,
      });
  });
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === VERIFICATION_ALARM) void client().then(checkKeyVerification);
  };
  alarms.onAlarm.addListener(onAlarm);
  return () => alarms.onAlarm.removeListener(onAlarm);
}
