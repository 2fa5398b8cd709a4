/**
 * The seam between autofill and whatever holds a pair: the keyboard command and the context menu
 * ask it, at the moment of the gesture, for the pair to fill into the tab.
 * @module
 */
import type { PendingSecret } from '@/lib/pending-secret.ts';
import { pendingSecret } from '@/lib/state.ts';
import type { Fill, FillResult } from './types.ts';

/** A provider's "no pair", with the sentence that says why (e.g. the remembered pairs are locked). */
export type NoPair = Extract<FillResult, { ok: false }> & { reason: 'no-pair' };

/**
 * Gives the pair to fill into the page at `tab.url` now: a pair, a {@link NoPair} that explains
 * itself, or null when the provider has nothing to say (the next provider may).
 */
export type GetFillablePair = (tab: { url?: string }) => Promise<Fill | NoPair | null>;

/** The pair to fill from a pending secret: the keys, endpoint and region, and the region's bucket when it names one. */
export function pairOf(secret: PendingSecret): Fill {
  const pair: Fill = {
    accessKeyId: secret.accessKeyId,
    secretAccessKey: secret.secretAccessKey,
    endpoint: secret.endpoint,
    region: secret.region,
  };
  return secret.bucket ? { ...pair, bucket: secret.bucket } : pair;
}

/** The pending secret of the last create or reset, until Hide secret. */
export const pendingSecretPair: GetFillablePair = async () => {
  const pending = await pendingSecret.getValue();
  return pending && pairOf(pending);
};

/** Asks each provider in turn; the first pair or explained refusal wins. */
export function firstPair(...providers: GetFillablePair[]): GetFillablePair {
  return async function firstFillablePair(tab) {
    for (const provider of providers) {
      const answer = await provider(tab);
      if (answer) return answer;
    }
    return null;
  };
}

/** True when `answer` is a pair to fill. */
export function isFill(answer: Fill | NoPair | null): answer is Fill {
  return !!answer && 'accessKeyId' in answer;
}
