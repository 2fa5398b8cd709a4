/**
 * The toolbar badge says when something needs attention: a new secret not yet hidden (the user must
 * save it), or a region whose key failed verification; and, for a few seconds, why the keyboard
 * command or the context menu filled nothing. Runs in the background worker and follows the session
 * items the popup, the key operations and autofill write.
 * @module
 */
import { browser } from 'wxt/browser';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import { badgeNotice, pendingSecret, unverifiedRegions } from '@/lib/state.ts';

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

/** What the badge shows for a pending secret and the regions whose key failed verification. */
export function attentionBadge(
  secret: PendingSecret | null,
  unverified: readonly string[],
  notice: BadgeNotice | null = null,
  now = Date.now(),
): Badge {
  if (notice && now < notice.until) return { text: notice.text, color: AMBER, title: notice.title };
  const reasons: string[] = [];
  if (secret)
    reasons.push(`A new secret key for ${secret.regionName} is waiting: save it, then click Hide secret.`);
  if (unverified.length > 0)
    reasons.push(`The key for ${unverified.join(', ')} failed verification: reset it.`);
  if (reasons.length === 0) return { text: '', color: AMBER, title: NAME };
  return { text: '!', color: unverified.length > 0 ? RED : AMBER, title: `${NAME}\n${reasons.join('\n')}` };
}

/** Keeps the badge in step with the pending secret and the last verification results. */
export function initToolbarBadge({ action = browser.action } = {}) {
  const show = async function showToolbarBadge() {
    const notice = await badgeNotice.getValue();
    const badge = attentionBadge(await pendingSecret.getValue(), await unverifiedRegions.getValue(), notice);
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
  ];
  void show();
  return () => {
    clearTimeout(expiry);
    for (const stop of unwatch) stop();
  };
}
