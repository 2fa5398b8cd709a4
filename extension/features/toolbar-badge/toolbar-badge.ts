/**
 * The toolbar badge says when something needs attention: a new secret not yet hidden (the user must
 * save it), a region whose key failed verification, a pair a teammate reset; and, for a few seconds, why the keyboard
 * command or the context menu filled nothing. Runs in the background worker and follows the session
 * items the popup, the key operations and autofill write.
 * @module
 */
import { browser } from 'wxt/browser';
import { keyAgeDays, rotationDue } from '@/features/key-list/key-age.ts';
import { describeTeamReset, type KnownPairs, type TeamReset } from '@/features/team-notices/team-resets.ts';
import { formatAge } from '@/lib/format.ts';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import {
  badgeNotice,
  knownPairs,
  pendingSecret,
  rotationReminderDays,
  teamResets,
  unverifiedRegions,
} from '@/lib/state.ts';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const NAME = 'S3 Keys';
const AMBER = '#b45309';
const RED = '#c62828';

/** A short message the badge shows until `until` (ms since the epoch), over the attention state. */
export interface BadgeNotice {
  text: string;
  title: string;
  until: number;
}

/** How long a notice stays on the badge. */
export const NOTICE_MS = 8000;

/** Shows `text` with `title` on the badge for {@link NOTICE_MS} (e.g. "?" when a fill gesture found no pair). */
export function flashBadge(text: string, title: string, now = Date.now()): Promise<void> {
  return badgeNotice.setValue({ text, title: `${NAME}\n${title}`, until: now + NOTICE_MS });
}

/** What needs the user's attention, as the stored items say. */
export interface Attention {
  secret: PendingSecret | null;
  /** Names of regions whose key failed verification. */
  unverified: readonly string[];
  /** Resets by teammates not dismissed yet. */
  resets?: readonly TeamReset[];
  /** Names of regions whose pair is past the rotation reminder, with its age in days. */
  overdue?: readonly { regionName: string; days: number }[];
  notice?: BadgeNotice | null;
}

/** What the badge shows for a pending secret, failed verifications and teammates' resets. */
export function attentionBadge(
  { secret, unverified, resets = [], overdue = [], notice = null }: Attention,
  now = Date.now(),
): Badge {
  if (notice && now < notice.until) return { text: notice.text, color: AMBER, title: notice.title };
  const reasons: string[] = [];
  if (secret)
    reasons.push(`A new secret key for ${secret.regionName} is waiting: save it, then click Hide secret.`);
  if (unverified.length > 0)
    reasons.push(`The key for ${unverified.join(', ')} failed verification: reset it.`);
  for (const reset of resets)
    reasons.push(
      `${describeTeamReset(reset, formatAge(reset.at, now))}: the pair you used there no longer works.`,
    );
  for (const due of overdue)
    reasons.push(`The key for ${due.regionName} is ${due.days} days old: time to rotate it.`);
  if (reasons.length === 0) return { text: '', color: AMBER, title: NAME };
  return { text: '!', color: unverified.length > 0 ? RED : AMBER, title: `${NAME}\n${reasons.join('\n')}` };
}

/** The regions whose pair (as the last team check saw it) is past the reminder. */
export function dueForRotation(pairs: KnownPairs, reminderDays: number | null, now = Date.now()) {
  return Object.values(pairs)
    .map((pair) => ({ regionName: pair.regionName, days: keyAgeDays(pair.madeAt, now) }))
    .filter(({ days }) => rotationDue(days, reminderDays));
}

/** Keeps the badge in step with the pending secret and the last verification results. */
export function initToolbarBadge({ action = browser.action } = {}) {
  const show = async function showToolbarBadge() {
    const notice = await badgeNotice.getValue();
    const badge = attentionBadge({
      secret: await pendingSecret.getValue(),
      unverified: await unverifiedRegions.getValue(),
      resets: await teamResets.getValue(),
      overdue: dueForRotation(await knownPairs.getValue(), await rotationReminderDays.getValue()),
      notice,
    });
    // When the notice expires, show the attention state again.
    clearTimeout(expiry);
    if (notice && notice.until > Date.now())
      expiry = setTimeout(() => void show(), notice.until - Date.now() + 50);
    await action.setBadgeText({ text: badge.text });
    await action.setBadgeBackgroundColor({ color: badge.color });
    await action.setBadgeTextColor?.({ color: '#ffffff' });
    await action.setTitle({ title: badge.title });
  };
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const unwatch = [
    pendingSecret.watch(() => void show()),
    unverifiedRegions.watch(() => void show()),
    badgeNotice.watch(() => void show()),
    teamResets.watch(() => void show()),
    knownPairs.watch(() => void show()),
    rotationReminderDays.watch(() => void show()),
  ];
  void show();
  return () => {
    clearTimeout(expiry);
    for (const stop of unwatch) stop();
  };
}
