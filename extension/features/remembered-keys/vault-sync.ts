/**
 * Brings this browser's vault copy and the companion's together: when nothing changed here and the
 * companion's version is the one last merged, one cheap version check is all; otherwise read the
 * companion's vault, merge item by item (vault-merge.ts), and write the result naming the version it
 * replaces — when another browser wrote first (412), read, merge and write again. No passphrase is
 * needed: the merge works on ciphertext.
 * @module
 */
import type { SyncedVault, VaultContent } from '#shared/vault';
import type { StoredItem } from '@/lib/stored-item.ts';
import type { Exclusive, LocalVault } from './local-vault.ts';
import { mergeVaults, sameVault } from './vault-merge.ts';

/** The companion's side of the vault, for one signed-in user. */
export interface VaultRemote {
  read(): Promise<SyncedVault>;
  version(): Promise<number>;
  /** Resolves to the new version; rejects with {@link VaultConflict} when `ifMatch` is not the current version. */
  write(content: VaultContent, ifMatch: number): Promise<number>;
}

/** Another browser wrote the vault since the version named. */
export class VaultConflict extends Error {
  override name = 'VaultConflict';
}

/** What a sync did: nothing to do, took the companion's copy, or wrote a merged copy. */
export type SyncResult = 'unchanged' | 'pulled' | 'pushed';

export interface SyncVaultOptions {
  local: StoredItem<LocalVault | null>;
  remote: VaultRemote;
  /** The signed-in user: a copy of another user's vault is replaced by this user's. */
  userId: string;
  exclusive: Exclusive;
  /** Writes that lose to another browser before giving up. */
  attempts?: number;
}

export function syncVault({
  local,
  remote,
  userId,
  exclusive,
  attempts = 5,
}: SyncVaultOptions): Promise<SyncResult> {
  return exclusive(async function syncWithCompanion() {
    const stored = await local.getValue();
    const mine = stored?.userId === userId ? stored : null;
    if (mine && !mine.dirty && (await remote.version()) === mine.base) return 'unchanged';
    for (let attempt = 0; attempt < attempts; attempt++) {
      const theirs = await remote.read();
      if (!mine) {
        // Nothing of this user here (or another user's copy): the companion's copy, if any, is the vault.
        if (theirs.vault)
          await local.setValue({ userId, base: theirs.version, dirty: false, content: theirs.vault });
        else if (stored) await local.removeValue();
        return theirs.vault ? 'pulled' : 'unchanged';
      }
      const merged = theirs.vault ? mergeVaults(mine.content, theirs.vault) : mine.content;
      if (theirs.vault && sameVault(merged, theirs.vault)) {
        await local.setValue({ userId, base: theirs.version, dirty: false, content: theirs.vault });
        return 'pulled';
      }
      try {
        const version = await remote.write(merged, theirs.version);
        await local.setValue({ userId, base: version, dirty: false, content: merged });
        return 'pushed';
      } catch (error) {
        if (!(error instanceof VaultConflict)) throw error;
      }
    }
    throw new Error(
      `your vault kept changing on the companion during ${attempts} attempts; it syncs again later`,
    );
  });
}
