/**
 * The in-page half, installed by the injected script (extension/entrypoints/autofill.ts) in the
 * extension's isolated world of the top frame. It only defines a function; the background calls it
 * with the pair for one fill, so the page's world never holds the secret between fills.
 * @module
 */
import { fillPage } from './fill-page.ts';
import type { Fill, FillContext, FillResult } from './types.ts';

/** The name of the isolated-world function the background calls. */
export const IN_PAGE_FUNCTION = '__s3keysFill';

/** Defines the fill function in this (isolated) world. */
export function installInPage(): void {
  (globalThis as Record<string, unknown>)[IN_PAGE_FUNCTION] = (
    fill: Fill,
    context: FillContext = {},
  ): Promise<FillResult> => fillPage(document, fill, { knownOrigins: context.knownOrigins });
}
