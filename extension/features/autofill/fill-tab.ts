/**
 * The background's entry to a fill: inject the in-page script into the tab's top frame, hand it the
 * pair for this one call, and remember the origin when the access key went in.
 * @module
 */
import { browser } from 'wxt/browser';
import { IN_PAGE_FUNCTION } from './in-page.ts';
import type { Fill, FillContext, FillResult } from './types.ts';
import { listUsedOrigins, recordOrigin } from './used-origins.ts';

/** The built injected script (extension/entrypoints/autofill.ts). */
export const INJECTED_SCRIPT = '/autofill.js';

/**
 * Fills `fill` into the page shown in `tabId`. Needs the activeTab grant (the popup was opened, the
 * command pressed, the context menu clicked) or a host permission. Only the top frame is injected;
 * it reaches same-origin frames itself and never cross-origin or sandboxed ones. With `askIfNewSite`
 * (a gesture that does not name the site), the page asks first unless this key was filled there before.
 */
export async function fillTab(
  tabId: number,
  fill: Fill,
  { askIfNewSite = false }: { askIfNewSite?: boolean } = {},
): Promise<FillResult> {
  const target = { tabId, frameIds: [0] };
  const context: FillContext = askIfNewSite ? { knownOrigins: await listUsedOrigins(fill.accessKeyId) } : {};
  let result: FillResult | undefined;
  try {
    await browser.scripting.executeScript({ target, files: [INJECTED_SCRIPT] });
    const [injection] = await browser.scripting.executeScript({
      target,
      // Serialised into the page: it may use nothing but its arguments.
      func: (name: string, pair: Fill, pageContext: FillContext) =>
        (globalThis as unknown as Record<string, (pair: Fill, context: FillContext) => Promise<FillResult>>)[
          name
        ]!(pair, pageContext),
      args: [IN_PAGE_FUNCTION, fill, context],
    });
    result = injection?.result as FillResult | undefined;
  } catch (error) {
    return { ok: false, reason: 'no-access', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!result) return { ok: false, reason: 'no-access', detail: 'the page did not answer' };
  if (result.ok && result.filled.includes('accessKey')) await recordOrigin(fill.accessKeyId, result.origin);
  return result;
}
