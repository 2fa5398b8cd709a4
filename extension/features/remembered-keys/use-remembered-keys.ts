/**
 * The popup's view of the remembered pairs: the vault's status, its items while unlocked, how the last
 * sync went, and the actions, each followed by a fresh read so every part of the popup agrees. Opening
 * the popup syncs once (a reset elsewhere, a pair remembered in another browser, a vault set up there).
 * @module
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RememberedPair, VaultEntry } from './local-vault.ts';
import type { RememberedPairs, VaultStatus } from './remembered-pairs.ts';

/** Why the last sync failed, in a sentence; null when it worked. */
type SyncProblem = string | null;

export interface RememberedKeysState {
  /** Null until the first read. */
  status: VaultStatus | null;
  entries: VaultEntry[];
  syncProblem: SyncProblem;
  idleMinutes: number | null;
}

/** State and actions of the remembered pairs; pass the result down to the parts that show them. */
export function useRememberedKeys(remembered: RememberedPairs) {
  const [state, setState] = useState<RememberedKeysState>({
    status: null,
    entries: [],
    syncProblem: null,
    idleMinutes: null,
  });
  const reload = useCallback(
    async function reloadRememberedKeys(syncProblem?: SyncProblem) {
      const status = await remembered.status();
      const entries = status === 'unlocked' ? await remembered.entries() : [];
      const idleMinutes = await remembered.idleMinutes();
      setState((s) => ({ status, entries, idleMinutes, syncProblem: syncProblem ?? s.syncProblem }));
    },
    [remembered],
  );
  const sync = useCallback(async () => reload(await remembered.sync()), [remembered, reload]);
  useEffect(() => {
    void reload().then(sync);
  }, [reload, sync]);

  const then = <T>(promise: Promise<T>) => promise.finally(() => reload());
  const pairs = state.entries.flatMap((e) => (e.state === 'remembered' ? [e.pair] : []));
  return {
    ...state,
    /** The pairs that may be filled (remembered, not retired). */
    pairs,
    reload,
    /** False on a wrong passphrase; once open, syncs (retiring pairs whose key was reset elsewhere). */
    unlock: async (passphrase: string) => {
      const ok = await then(remembered.unlock(passphrase));
      if (ok) void sync();
      return ok;
    },
    lock: () => then(remembered.lock()),
    remember: (pair: RememberedPair, passphrase?: string) => then(remembered.remember(pair, passphrase)),
    forgetAll: async () => reload(await remembered.forgetAll()),
    setIdleMinutes: (minutes: number) => then(remembered.setIdleMinutes(minutes)),
    /** The remembered pair of `region` when it is still `accessKeyId` (a reset elsewhere makes it stale). */
    pairFor: (region: string, accessKeyId: string | undefined) =>
      pairs.find((p) => p.region === region && p.accessKeyId === accessKeyId) ?? null,
  };
}

export type RememberedKeysView = ReturnType<typeof useRememberedKeys>;
