/**
 * The account's rotation reminder, kept in the extension's cache ({@link rotationReminderDays}) that the
 * cards and the toolbar badge read: refreshed from the companion with the regions and on the background
 * alarm, and at once when an admin changes it here.
 * @module
 */
import type { AccountSettings } from '#shared/api';
import type { CompanionClient } from '@/lib/companion-client.ts';
import { rotationReminderDays } from '@/lib/state.ts';

/** Stores the reminder of `account` as the one the cards and the badge follow; returns the account. */
export async function keepRotationReminder(account: AccountSettings): Promise<AccountSettings> {
  await rotationReminderDays.setValue(account.rotationReminderDays);
  return account;
}

/** Reads the account's reminder from the companion into the cache. */
export async function refreshRotationReminder(client: Pick<CompanionClient, 'account'>): Promise<void> {
  await keepRotationReminder(await client.account());
}
