/**
 * What the popup's URL says. `?tabId=N` names the tab to act on: when the popup is opened as a tab (as
 * tests do), it is itself the active tab, so the tab has to be named.
 * @module
 */
export interface PopupParams {
  /** The tab to act on, or null for the active tab. */
  tabId: number | null;
}

export function parsePopupParams(search: string): PopupParams {
  const raw = new URLSearchParams(search).get('tabId');
  const tabId = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
  return { tabId };
}
