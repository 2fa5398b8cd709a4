/**
 * Which tab the popup's "Fill into page" acts on: the one named by `?tabId=N`, else the active tab of
 * the current window, never the popup itself (opened as a tab, it is its own active tab).
 * @module
 */
import { browser } from 'wxt/browser';
import type { PopupParams } from '@/lib/popup-params.ts';

type Tabs = Pick<typeof browser.tabs, 'query' | 'getCurrent'>;

/** The id of the tab to fill, or null when there is none to fill. */
export async function targetTabId(params: PopupParams, tabs: Tabs = browser.tabs): Promise<number | null> {
  if (params.tabId !== null) return params.tabId;
  const [active] = await tabs.query({ active: true, currentWindow: true });
  const self = await tabs.getCurrent();
  return active?.id !== undefined && active.id !== self?.id ? active.id : null;
}
