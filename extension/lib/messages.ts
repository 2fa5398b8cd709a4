/**
 * The one protocol between extension pages and the background worker: message name → request →
 * response. Senders and the receiver share these types; there is no string switch elsewhere.
 * @module
 */
import { browser } from 'wxt/browser';
import type { Failure } from './companion-client.ts';
import type { KeyOperation, KeyOperationOutcome } from './key-operation.ts';

export interface Protocol {
  /** Runs a create or reset in the worker, which outlives the popup, and keeps the secret pending. */
  runKeyOperation: { request: KeyOperation; response: KeyOperationOutcome };
  /** Whether an S3 Keys companion answers at `url`, and if not why (the background sees the browser's network errors). */
  probeCompanion: { request: { url: string }; response: Failure | null };
}

export type MessageName = keyof Protocol;
interface Envelope<K extends MessageName = MessageName> {
  s3keys: K;
  data: Protocol[K]['request'];
}

export type Handlers = {
  [K in MessageName]: (data: Protocol[K]['request']) => Promise<Protocol[K]['response']>;
};

/** Sends `name` to the background worker and resolves with its answer. */
export async function sendMessage<K extends MessageName>(
  name: K,
  data: Protocol[K]['request'],
): Promise<Protocol[K]['response']> {
  const envelope: Envelope<K> = { s3keys: name, data };
  return (await browser.runtime.sendMessage(envelope)) as Protocol[K]['response'];
}

/**
 * Answers the protocol's messages, from the extension's own pages only: a content script (which runs
 * inside web pages) cannot ask for a key. Returns a function that stops listening.
 */
export function onMessage(handlers: Handlers): () => void {
  const pages = browser.runtime.getURL('/');
  const listener = (
    message: unknown,
    sender: { url?: string },
    sendResponse: (response: unknown) => void,
  ) => {
    const envelope = message as Partial<Envelope>;
    if (
      !sender.url?.startsWith(pages) ||
      typeof envelope?.s3keys !== 'string' ||
      !Object.hasOwn(handlers, envelope.s3keys)
    )
      return false;
    const handler = handlers[envelope.s3keys] as (data: unknown) => Promise<unknown>;
    void handler(envelope.data).then(sendResponse);
    // Chrome keeps the channel open for an asynchronous answer only when the listener returns true.
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
