/**
 * What the popup's first render starts from. The usual open (a stored list, no secret expected) needs
 * nothing asynchronous: the list shows at once while the saved connection is read behind it. Otherwise
 * (first run, or a create or reset since the last open) the reads come first, a few milliseconds, so a
 * pending secret never shows after a flash of the list.
 * @module
 */
import { listShownAtOnce } from '@/lib/page-state.ts';
import type { PopupParams } from '@/lib/popup-params.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { connection, pendingSecret, regionSnapshot, secretExpected } from '@/lib/state.ts';
import type { PopupStart } from './App.tsx';

/** `atOnce`: the list shown at once, when the caller has read it already (main.tsx, for its preview). */
export function readPopupStart(
  params: PopupParams,
  atOnce: RegionSnapshot | null = listShownAtOnce(),
): PopupStart | Promise<PopupStart> {
  const saved = connection.getValue();
  if (atOnce) return { connection: saved, secret: null, snapshot: atOnce, params };
  const snapshot = regionSnapshot.read();
  return Promise.all([saved, pendingSecret.getValue()]).then(async ([found, secret]) => {
    // Expected but gone (the operation failed, or the browser restarted): the next open need not wait.
    if (!secret) await secretExpected.removeValue();
    return { connection: found, secret, snapshot, params };
  });
}
