/**
 * The popup's fill: find the tab, then let the worker run the fill (it outlives the popup, which
 * closes when the user answers an in-page confirmation).
 * @module
 */
import type { Fill, FillResult } from '@/features/autofill/index.ts';
import { sendMessage } from '@/lib/messages.ts';
import type { PopupParams } from '@/lib/popup-params.ts';
import { targetTabId } from './target-tab.ts';

/** Fills into the popup's target tab; a missing tab is reported like any page the extension cannot reach. */
export function createFillIntoPage(params: PopupParams, resolveTab = targetTabId) {
  return async function fillIntoPage(fill: Fill): Promise<FillResult> {
    const tabId = await resolveTab(params);
    if (tabId === null) return { ok: false, reason: 'no-access', detail: 'no tab to fill' };
    return sendMessage('fillTab', { tabId, fill });
  };
}
