/**
 * Autofill's part of the message protocol (`@/lib/messages.ts`): extension pages ask the worker to
 * fill, so a fill finishes even when the popup closes (it does when the user answers the in-page
 * confirmation).
 * @module
 */
import type { Handlers } from '@/lib/messages.ts';
import { fillTab } from './fill-tab.ts';
import type { Fill, FillResult } from './types.ts';

export interface AutofillProtocol {
  /** Fills `fill` into the page of `tabId` (the popup's active tab). */
  fillTab: { request: { tabId: number; fill: Fill }; response: FillResult };
}

/** The worker's answers to autofill's messages. */
export const autofillHandlers: Handlers<AutofillProtocol> = {
  fillTab: ({ tabId, fill }) => fillTab(tabId, fill),
};
