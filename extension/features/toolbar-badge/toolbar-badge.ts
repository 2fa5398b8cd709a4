/**
 * The toolbar badge says when something needs attention: a new secret not yet hidden (the user must
 * save it), or a region whose key failed verification. Runs in the background worker and follows the
 * session items the popup and the key operations write.
 * @module
 */
import { browser } from 'wxt/browser';
import { pendingSecret, unverifiedRegions, type PendingSecret } from '@/lib/pending-secret.ts';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const NAME = 'S3 Keys';
const AMBER = '#b45309';
const RED = '#c62828';

/** What the badge shows for a pending secret and the regions whose key failed verification. */
export function attentionBadge(secret: PendingSecret | null, unverified: readonly string[]): Badge {
  const reasons: string[] = [];
  if (secret) reasons.push(`A new secret key for ${secret.regionName} is waiting: save it, then click Hide secret.`);
  if (unverified.length > 0) reasons.push(`The key for ${unverified.join(', ')} failed verification: reset it.`);
  if (reasons.length === 0) return { text: '', color: AMBER, title: NAME };
  return { text: '!', color: unverified.length > 0 ? RED : AMBER, title: `${NAME}\n${reasons.join('\n')}` };
}

/** Keeps the badge in step with the pending secret and the last verification results. */
export function initToolbarBadge({ action = browser.action } = {}) {
  const show = async function showToolbarBadge() {
    const badge = attentionBadge(await pendingSecret.getValue(), await unverifiedRegions.getValue());
    await action.setBadgeText({ text: badge.text });
    await action.setBadgeBackgroundColor({ color: badge.color });
    await action.setBadgeTextColor?.({ color: '#ffffff' });
    await action.setTitle({ title: badge.title });
  };
  const unwatch = [pendingSecret.watch(() => void show()), unverifiedRegions.watch(() => void show())];
  void show();
  return () => unwatch.forEach((stop) => stop());
}
