/**
 * The one protocol between extension pages and the background worker: message name → request →
 * response. Each feature declares its part of the protocol and contributes a handler map; the worker
 * joins the maps in one {@link onMessage} listener. Senders and the receiver share these types; there
 * is no string switch elsewhere.
 * @module
 */
import { browser } from 'wxt/browser';
import type { AutofillProtocol } from '@/features/autofill/autofill-protocol.ts';
import type { CompanionAccessProtocol } from '@/features/companion-access/companion-access-protocol.ts';
import type { RememberedPairsProtocol } from '@/features/remembered-keys/remembered-pairs-proxy.ts';
import type { KeyOperationProtocol } from './key-operation.ts';

/** Every message the worker answers. */
export interface Protocol
  extends KeyOperationProtocol,
    AutofillProtocol,
    CompanionAccessProtocol,
    RememberedPairsProtocol {}

export type MessageName = keyof Protocol;
interface Envelope<K extends MessageName = MessageName> {
  s3keys: K;
  data: Protocol[K]['request'];
}

/** The handlers of a part of the protocol (message name → request → response), e.g. a feature's. */
export type Handlers<P = Protocol> = {
  [K in keyof P]: P[K] extends { request: infer Request; response: infer Response }
    ? (data: Request) => Promise<Response>
    : never;
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
 * Answers the protocol's messages with `handlers` (every message has exactly one), from the extension's
 * own pages only: a content script (which runs inside web pages) cannot ask for a key. Call it once.
 * Returns a function that stops listening.
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
