/**
 * The remembered-keys store as the extension uses it: the vault in the extension's private IndexedDB,
 * the derived key in memory-only `session:` storage (never `storage.local`), and a list of access key
 * ids that a reset retired while the store was locked, forgotten at the next unlock.
 * @module
 */
import type { KeyReplaced } from '@/lib/key-operation.ts';
import { rememberedKeysKey, rememberedKeysVault, retiredRememberedKeys } from '@/lib/state.ts';
import type { StoredItem } from '@/lib/stored-item.ts';
import { createRememberedKeys, type RememberedKeys, type RememberedPair } from './remembered-keys-store.ts';

/** Whether the user opted in, and whether the pairs can be read now. */
export type VaultStatus = 'off' | 'locked' | 'unlocked';

export interface RememberedPairsOptions {
  store: RememberedKeys;
  /** Access key ids to forget once unlocked (ids are not secret; the pairs are). */
  retired: StoredItem<string[] | null>;
}

/** Creates the extension's view of the store; see {@link rememberedPairs} for the real one. */
export function createRememberedPairs({ store, retired }: RememberedPairsOptions) {
  const status = async (): Promise<VaultStatus> =>
    !(await store.isSetUp()) ? 'off' : (await store.isLocked()) ? 'locked' : 'unlocked';

  /** Forgets every retired pair; the store must be unlocked. */
  const sweep = async () => {
    const ids = (await retired.getValue()) ?? [];
    for (const id of ids) await store.forget(id);
    if (ids.length > 0) await retired.removeValue();
  };

  return {
    status,
    /** The pairs when unlocked; empty when off or locked. */
    async pairs(): Promise<RememberedPair[]> {
      if ((await status()) !== 'unlocked') return [];
      await sweep();
      return store.list();
    },
    /** False on a wrong passphrase. */
    async unlock(passphrase: string): Promise<boolean> {
      if (!(await store.unlock(passphrase))) return false;
      await sweep();
      return true;
    },
    lock: () => store.lock(),
    /**
     * Remembers `pair`, replacing its region's earlier pair. Opts in first when the store is off
     * (`passphrase` becomes the store's), or unlocks it when locked. False on a wrong passphrase.
     */
    async remember(pair: RememberedPair, passphrase?: string): Promise<boolean> {
      const now = await status();
      if (now === 'off') {
        if (!passphrase) throw new Error('remembered-keys: a passphrase is needed to opt in');
        await store.setUp(passphrase);
      } else if (now === 'locked' && !(await this.unlock(passphrase ?? ''))) return false;
      await store.remember(pair);
      return true;
    },
    /** A reset replaced `accessKeyId`: it no longer works, so it must not be filled again. */
    async retire(accessKeyId: string): Promise<void> {
      const now = await status();
      if (now === 'unlocked') return store.forget(accessKeyId);
      if (now === 'locked') await retired.setValue([...((await retired.getValue()) ?? []), accessKeyId]);
    },
  };
}

export type RememberedPairs = ReturnType<typeof createRememberedPairs>;

/** The extension's remembered pairs (popup and worker share the same storage). */
export const rememberedPairs: RememberedPairs = createRememberedPairs({
  store: createRememberedKeys({ vault: rememberedKeysVault, session: rememberedKeysKey }),
  retired: retiredRememberedKeys,
});

/** A reset replaced a key: its remembered pair no longer works, so it is never filled again (a key-operation listener). */
export function retireReplacedPair({ accessKeyId }: KeyReplaced): Promise<void> {
  return rememberedPairs.retire(accessKeyId);
}
