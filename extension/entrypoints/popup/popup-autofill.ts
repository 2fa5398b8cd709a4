import type { Fill, FillResult } from '@/features/autofill/index.ts';
import type { RememberedPairs } from '@/features/remembered-keys/index.ts';
import type { WhereUsedDeps } from '@/features/where-used/where-used-deps.ts';

/** What the popup's autofill parts work with; show-popup.tsx passes the real ones, tests pass fakes. */
export interface PopupAutofill extends WhereUsedDeps {
  /** Fills `fill` into the popup's target tab (`?tabId=N`, else the active tab). */
  fillIntoPage: (fill: Fill) => Promise<FillResult>;
  /** The host of the page `fillIntoPage` would fill (null when unknown), named beside the button. */
  targetSite: () => Promise<string | null>;
  remembered: RememberedPairs;
}
