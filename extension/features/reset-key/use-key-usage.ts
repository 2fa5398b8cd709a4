import { useEffect, useState } from 'preact/hooks';
import type { KeyUsage } from '#shared/api';
import { describeFailure } from '@/lib/companion-error.ts';

/** The last use of a region's pair while the reset dialog asks for it: loading, the answer, or why it failed. */
export type KeyUsageView =
  | { kind: 'loading' }
  | { kind: 'loaded'; usage: KeyUsage }
  | { kind: 'failed'; message: string };

/** Reads the usage of `region`'s pair whenever a reset dialog for it opens; null while none is open. */
export function useKeyUsage(
  keyUsage: (region: string) => Promise<KeyUsage>,
  region: string | null,
): KeyUsageView | null {
  const [view, setView] = useState<KeyUsageView | null>(null);
  useEffect(() => {
    if (!region) return setView(null);
    let current = true;
    setView({ kind: 'loading' });
    keyUsage(region).then(
      (usage) => current && setView({ kind: 'loaded', usage }),
      (error: unknown) => current && setView({ kind: 'failed', message: describeFailure(error) }),
    );
    return () => {
      current = false;
    };
  }, [region]);
  return view;
}
