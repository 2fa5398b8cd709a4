/**
 * Syncs the vault in the background every minute, on an alarm (it survives worker restarts): one cheap
 * version check when nothing changed, so a pair remembered, retired or forgotten in another browser
 * arrives without opening the popup. Each run also applies the idle lock.
 * @module
 */
import { browser } from 'wxt/browser';
import type { RememberedPairs } from './remembered-pairs.ts';

export const VAULT_SYNC_ALARM = 'sync-vault';
export const VAULT_SYNC_PERIOD_MINUTES = 1;

/** Schedules the periodic sync (once) and runs it on each alarm. Returns a function that stops listening. */
export function watchVaultSync(remembered: Pick<RememberedPairs, 'sync'>, { alarms = browser.alarms } = {}) {
  void alarms.get(VAULT_SYNC_ALARM).then(async (existing) => {
    if (!existing)
      await alarms.create(VAULT_SYNC_ALARM, {
        delayInMinutes: 1,
        periodInMinutes: VAULT_SYNC_PERIOD_MINUTES,
      });
  });
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === VAULT_SYNC_ALARM) void remembered.sync();
  };
  alarms.onAlarm.addListener(onAlarm);
  return () => alarms.onAlarm.removeListener(onAlarm);
}
