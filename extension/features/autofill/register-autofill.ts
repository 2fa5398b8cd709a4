/**
 * Autofill's gestures in the background: the keyboard command and the context-menu entry on editable
 * fields, both leading to {@link fillTab}. The messages from extension pages are in `autofill-protocol.ts`.
 * @module
 */
import { browser } from 'wxt/browser';
import { isFill, pendingSecretPair, type GetFillablePair } from './fillable-pair.ts';
import { fillTab } from './fill-tab.ts';
import type { FillResult } from './types.ts';

/** The manifest command (wxt.config.ts) and the context-menu item id. */
export const FILL_COMMAND = 'fill-s3-keys';
export const FILL_MENU_ITEM = 's3keys-fill';

export interface RegisterAutofillOptions {
  /** Where the command and the menu get their pair. Default: the pending secret. */
  getFillablePair?: GetFillablePair;
  /** Told the outcome of every command or menu fill (e.g. to show a refusal on the toolbar badge). */
  onGestureResult?: (result: FillResult) => void;
}

/** Wires the command and the menu. Call once from the background's main. */
export function registerAutofill({
  getFillablePair = pendingSecretPair,
  onGestureResult,
}: RegisterAutofillOptions = {}): void {
  const fillFromGesture = async (tab: { id?: number; url?: string } | undefined) => {
    const tabId = tab?.id;
    if (tabId === undefined || tabId < 0) return;
    const pair = await getFillablePair({ url: tab?.url });
    const result: FillResult = isFill(pair)
      ? await fillTab(tabId, pair, { askIfNewSite: true })
      : (pair ?? { ok: false, reason: 'no-pair' });
    onGestureResult?.(result);
  };
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === FILL_COMMAND) void fillFromGesture(tab);
  });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: FILL_MENU_ITEM, title: 'Fill S3 key pair', contexts: ['editable'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === FILL_MENU_ITEM) void fillFromGesture(tab);
  });
}
