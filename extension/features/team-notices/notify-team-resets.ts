/**
 * The opt-in browser notification of a teammate's reset. Asking for the `notifications` permission is
 * the opt-in (on the options page); without it nothing is shown but the badge and the card.
 * @module
 */
import { browser } from 'wxt/browser';
import { formatAge } from '@/lib/format.ts';
import { describeTeamReset, type TeamReset } from './team-resets.ts';

const PERMISSION = { permissions: ['notifications'] } as const;

/** Whether the user allowed notifications. */
export function notificationsAllowed(): Promise<boolean> {
  return browser.permissions.contains({ ...PERMISSION, permissions: [...PERMISSION.permissions] });
}

/** Asks for (or gives back) the permission; resolves with whether notifications are on afterwards. */
export async function setNotificationsAllowed(on: boolean): Promise<boolean> {
  const permissions = { permissions: [...PERMISSION.permissions] };
  if (on) return browser.permissions.request(permissions);
  await browser.permissions.remove(permissions);
  return false;
}

/** One notification per reset, when allowed; it names no secret. */
export async function notifyTeamResets(resets: readonly TeamReset[]): Promise<void> {
  if (resets.length === 0 || !(await notificationsAllowed())) return;
  for (const reset of resets) {
    await browser.notifications.create(`team-reset-${reset.region}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: `Key reset in ${reset.regionName}`,
      message: `${describeTeamReset(reset, formatAge(reset.at))}. The pair you used there no longer works.`,
    });
  }
}
