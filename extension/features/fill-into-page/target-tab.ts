/**
 * Which tab the popup's "Fill into page" acts on: the one named by `?tabId=N`, else the active tab of
 * the current window, never the popup itself (opened as a tab, it is its own active tab); and the site
 * that tab shows, so the popup can name where a pair would go.
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

/**
 * The host (with its port) of the web page in the tab to fill, as the address bar has it (punycode
 * stays punycode, so a look-alike name shows as one); null when there is no tab, the page is not a web
 * page, or the browser does not show the extension its address.
 */
export async function targetSite(
  params: PopupParams,
  tabs: Tabs & Pick<typeof browser.tabs, 'get'> = browser.tabs,
): Promise<string | null> {
  const id = await targetTabId(params, tabs);
  if (id === null) return null;
  const address = (await tabs.get(id).catch(() => undefined))?.url;
  if (!address || !URL.canParse(address)) return null;
  const url = new URL(address);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.host : null;
}
