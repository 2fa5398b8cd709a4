/**
 * Checks the keys in the background every 15 minutes, on an alarm (it survives worker restarts), so the
 * badge turns red for a key that failed verification without the popup being opened.
 * @module
 */
import type { CompanionClient } from '@/lib/companion-client.ts';
import { type Alarms, onPeriodicAlarm } from '@/lib/periodic-alarm.ts';
import { failingRegionNames } from './failing-regions.ts';
import { signedInClient } from '@/lib/signed-in-client.ts';
import { unverifiedRegions } from '@/lib/state.ts';

export const VERIFICATION_ALARM = 'verify-keys';
export const VERIFICATION_PERIOD_MINUTES = 15;

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

/** Schedules the periodic check (once) and runs it on each alarm. Returns a function that stops listening. */
export function watchKeyVerification({
  alarms,
  client = signedInClient,
}: {
  alarms?: Alarms;
  client?: () => Promise<CompanionClient | null>;
} = {}) {
  return onPeriodicAlarm(
    VERIFICATION_ALARM,
    VERIFICATION_PERIOD_MINUTES,
    () => client().then(checkKeyVerification),
    alarms,
  );
}
