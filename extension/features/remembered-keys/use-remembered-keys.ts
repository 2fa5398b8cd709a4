/**
 * The popup's view of the remembered pairs: the vault's status, the pairs while unlocked, and the
 * actions, each followed by a fresh read so every part of the popup agrees.
 * @module
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RememberedPair } from './local-vault.ts';
import type { RememberedPairs, VaultStatus } from './remembered-pairs.ts';

export interface RememberedKeysState {
  /** Null until the first read. */
  status: VaultStatus | null;
  pairs: RememberedPair[];
}

/** State and actions of the remembered pairs; pass the result down to the parts that show them. */
export function useRememberedKeys(remembered: RememberedPairs) {
  const [state, setState] = useState<RememberedKeysState>({ status: null, pairs: [] });
  const reload = useCallback(
    async function reloadRememberedKeys() {
      const status = await remembered.status();
      setState({ status, pairs: status === 'unlocked' ? await remembered.pairs() : [] });
    },
    [remembered],
  );
  useEffect(() => void reload(), [reload]);

  const then = <T>(promise: Promise<T>) => promise.finally(reload);
  return {
    ...state,
    reload,
    unlock: (passphrase: string) => then(remembered.unlock(passphrase)),
    lock: () => then(remembered.lock()),
    remember: (pair: RememberedPair, passphrase?: string) => then(remembered.remember(pair, passphrase)),
    /** The remembered pair of `region` when it is still `accessKeyId` (a reset elsewhere makes it stale). */
    pairFor: (region: string, accessKeyId: string | undefined) =>
      state.pairs.find((p) => p.region === region && p.accessKeyId === accessKeyId) ?? null,
  };
}

export type RememberedKeysView = ReturnType<typeof useRememberedKeys>;
