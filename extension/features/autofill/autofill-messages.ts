/**
 * Autofill's messages between extension pages (the popup's "Fill into page") and the worker, which
 * runs fills so they finish even when the popup closes (it does when the user clicks the in-page
 * confirmation). Same envelope and sender rule as `@/lib/messages.ts`; meant to be merged into its
 * `Protocol` (`interface Protocol extends AutofillProtocol`).
 * @module
 */
import { browser } from 'wxt/browser';
import type { Fill, FillResult } from './types.ts';

export interface AutofillProtocol {
  /** Fills `fill` into the page of `tabId` (the popup's active tab). */
  fillTab: { request: { tabId: number; fill: Fill }; response: FillResult };
  /** The origins `accessKeyId` was filled into. */
  usedOrigins: { request: { accessKeyId: string }; response: string[] };
}

type Name = keyof AutofillProtocol;
export type AutofillHandlers = {
  [K in Name]: (data: AutofillProtocol[K]['request']) => Promise<AutofillProtocol[K]['response']>;
};

/** Sends an autofill message to the worker (from an extension page). */
export async function sendAutofillMessage<K extends Name>(
  name: K,
  data: AutofillProtocol[K]['request'],
): Promise<AutofillProtocol[K]['response']> {
  return (await browser.runtime.sendMessage({ s3keys: name, data })) as AutofillProtocol[K]['response'];
}

/** Answers autofill messages from the extension's own pages only. Returns a function that stops listening. */
export function onAutofillMessage(handlers: AutofillHandlers): () => void {
  const pages = browser.runtime.getURL('/');
  const listener = (
    message: unknown,
    sender: { url?: string },
    sendResponse: (response: unknown) => void,
  ) => {
    const envelope = message as { s3keys?: unknown; data?: unknown } | null;
    const name = envelope?.s3keys;
    if (!sender.url?.startsWith(pages) || typeof name !== 'string' || !Object.hasOwn(handlers, name))
      return false;
    void (handlers[name as Name] as (data: unknown) => Promise<unknown>)(envelope!.data).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
