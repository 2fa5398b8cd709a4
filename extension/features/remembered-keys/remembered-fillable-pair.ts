/**
 * The remembered pairs as a provider for the keyboard command and the context menu, which do not say
 * which region they mean: the pair already used on this site wins, then a pair whose endpoint is on
 * this host, then the only pair. Otherwise it explains why it fills nothing.
 * @module
 */
import type { Fill, GetFillablePair, NoPair } from '@/features/autofill/index.ts';
import type { RememberedPairs } from './remembered-pairs.ts';

const noPair = (detail: string): NoPair => ({ ok: false, reason: 'no-pair', detail });

/** `usedOrigins(accessKeyId)`: where each key was filled before (see autofill's used-origins). */
export function rememberedFillablePair(
  remembered: Pick<RememberedPairs, 'status' | 'pairs'>,
  usedOrigins: (accessKeyId: string) => Promise<string[]>,
): GetFillablePair {
  return async function rememberedPairForTab({ url }) {
    const status = await remembered.status();
    if (status === 'off') return null;
    if (status === 'locked')
      return noPair(
        'Your remembered pairs are locked: open S3 Keys and unlock them with your passphrase, then try again.',
      );
    const pairs = await remembered.pairs();
    if (pairs.length === 0) return null;
    const page = safeUrl(url);
    if (page) {
      for (const pair of pairs) if ((await usedOrigins(pair.accessKeyId)).includes(page.origin)) return pair;
      const sameHost = pairs.filter((pair) => safeUrl(pair.endpoint)?.hostname === page.hostname);
      if (sameHost.length === 1) return sameHost[0] as Fill;
    }
    if (pairs.length === 1) return pairs[0] as Fill;
    return noPair(
      'Several pairs are remembered and none was used on this site yet: open S3 Keys and use "Fill into page" on the region you mean.',
    );
  };
}

function safeUrl(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}
