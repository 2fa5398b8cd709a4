import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { FillResult } from '@/features/autofill/index.ts';
import { type Handlers, onMessage } from '@/lib/messages.ts';

const FILLED: FillResult = {
  ok: true,
  origin: 'https://console.example',
  adapter: 'generic',
  filled: ['accessKey'],
};
const PAIR = { accessKeyId: 'AK1', secretAccessKey: 's', endpoint: 'https://s3.example', region: 'r1' };

let stop = () => {};
afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

type Listener = (message: unknown, sender: { url?: string }, reply: (response: unknown) => void) => boolean;

/** Starts the bus with `handlers` and returns its listener, as the browser would call it. */
function listen(handlers: Handlers): Listener {
  const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  stop = onMessage(handlers);
  return add.mock.calls.at(-1)![0] as unknown as Listener;
}

/** Delivers `message` from a page at `url`; resolves with the answer, or null when the bus declines it. */
function deliver(listener: Listener, message: unknown, url: string): Promise<unknown> {
  return new Promise((resolve) => {
    if (!listener(message, { url }, resolve)) resolve(null);
  });
}

describe('the message bus: one listener, the features’ handler maps', () => {
  it('answers a message from an extension page with the handler its feature contributed', async () => {
    const handlers: Handlers = {
      runKeyOperation: vi.fn(async () => ({ ok: true as const })),
      fillTab: vi.fn(async () => FILLED),
      probeCompanion: vi.fn(async () => null),
      rememberedPairs: vi.fn(async () => ({ ok: true as const, value: null })),
    };
    const listener = listen(handlers);
    const page = fakeBrowser.runtime.getURL('/popup.html');
    expect(await deliver(listener, { s3keys: 'fillTab', data: { tabId: 4, fill: PAIR } }, page)).toEqual(
      FILLED,
    );
    expect(handlers.fillTab).toHaveBeenCalledWith({ tabId: 4, fill: PAIR });
    expect(handlers.runKeyOperation).not.toHaveBeenCalled();
  });

  it('ignores messages from web pages (content scripts) and unknown names', async () => {
    const handlers: Handlers = {
      runKeyOperation: vi.fn(async () => ({ ok: true as const })),
      fillTab: vi.fn(async () => FILLED),
      probeCompanion: vi.fn(async () => null),
      rememberedPairs: vi.fn(async () => ({ ok: true as const, value: null })),
    };
    const listener = listen(handlers);
    expect(
      await deliver(listener, { s3keys: 'fillTab', data: { tabId: 4, fill: PAIR } }, 'https://evil.example/'),
    ).toBeNull();
    expect(
      await deliver(listener, { s3keys: 'toString', data: {} }, fakeBrowser.runtime.getURL('/popup.html')),
    ).toBeNull();
    expect(handlers.fillTab).not.toHaveBeenCalled();
  });
});
