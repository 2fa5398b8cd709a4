/**
 * Syncs the vault in the background every minute, on an alarm (it survives worker restarts): one cheap
 * version check when nothing changed, so a pair remembered, retired or forgotten in another browser
 * arrives without opening the popup. Each run also applies the idle lock.
 * @module
 */
import { type Alarms, onPeriodicAlarm } from '@/lib/periodic-alarm.ts';
import type { RememberedPairs } from './remembered-pairs.ts';

export const VAULT_SYNC_ALARM = 'sync-vault';
export const VAULT_SYNC_PERIOD_MINUTES = 1;

/** Schedules the periodic sync (once) and runs it on each alarm. Returns a function that stops listening. */
export function watchVaultSync(
  remembered: Pick<RememberedPairs, 'sync'>,
  { alarms }: { alarms?: Alarms } = {},
) {
  return onPeriodicAlarm(VAULT_SYNC_ALARM, VAULT_SYNC_PERIOD_MINUTES, () => remembered.sync(), alarms);
}
