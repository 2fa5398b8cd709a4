import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { FILL_COMMAND, registerAutofill, type FillResult, type NoPair } from '@/features/autofill/index.ts';
import { clearStorage } from '../fixtures.ts';

beforeEach(clearStorage);

describe('registerAutofill: the keyboard command', () => {
  it('when the provider explains why it has no pair, reports that (no fill) to the gesture listener', async () => {
    const locked: NoPair = { ok: false, reason: 'no-pair', detail: 'Your remembered pairs are locked.' };
    const getFillablePair = vi.fn(async () => locked);
    const onGestureResult = vi.fn((_: FillResult) => {});
    // The fake browser has no commands or context menus: capture the command listener by hand.
    let onCommand: ((command: string, tab: { id: number; url: string }) => void) | undefined;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(
      (listener) => void (onCommand = listener as typeof onCommand),
    );
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.runtime.onInstalled, 'addListener').mockImplementation(() => {});
    registerAutofill({ getFillablePair, onGestureResult });
    onCommand!(FILL_COMMAND, { id: 4, url: 'https://console.example/login' });
    await vi.waitFor(() => expect(onGestureResult).toHaveBeenCalledWith(locked));
    expect(getFillablePair).toHaveBeenCalledWith({ url: 'https://console.example/login' });
  });
});
