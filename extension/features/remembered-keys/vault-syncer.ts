/**
 * One sync of the remembered pairs, as the worker runs it: bring the local copy and the companion's
 * vault together (vault-sync.ts); then, when unlocked, retire every remembered pair whose region's
 * current key is another one — a reset anywhere, by any user of the account, learnt from the regions —
 * tell `onRetired` (where-used lists the old key's sites), and write that back.
 * @module
 */
import type { Region } from '#shared/api';
import type { KeyReplaced } from '@/lib/key-operation.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import type { LocalVaultStore } from './local-vault.ts';
import type { RememberedPairs, SyncOutcome } from './remembered-pairs.ts';
import { syncVault, type VaultRemote } from './vault-sync.ts';

/** What the vault needs of the companion: who the user is, their vault, and their regions' current keys. */
export interface VaultCompanion {
  userId(): Promise<string>;
  remote: VaultRemote;
  regions(): Promise<Pick<Region, 'id' | 'key'>[]>;
}

export interface VaultSyncerOptions {
  store: LocalVaultStore;
  pairs: Pick<RememberedPairs, 'status' | 'sweep'>;
  /** The signed-in companion; null when signed out. */
  companion: () => Promise<VaultCompanion | null>;
  onRetired?: (replaced: KeyReplaced) => Promise<void>;
}

export function createVaultSyncer({
  store,
  pairs,
  companion,
  onRetired = async () => {},
}: VaultSyncerOptions) {
  /** Retired pairs by access key id, when unlocked (null when locked: nothing can be read). */
  const retiredPairs = async () => {
    if ((await pairs.status()) !== 'unlocked') return null;
    const retired = (await store.entries()).flatMap((e) => (e.state === 'retired' ? [e.pair] : []));
    return new Map(retired.map((pair) => [pair.accessKeyId, pair]));
  };
  const retireReplaced = async (signedIn: VaultCompanion) => {
    const regions = await signedIn.regions().catch(() => null); // a member sees no regions: nothing to learn
    if (!regions) return;
    const current = new Map(regions.flatMap((r) => (r.key ? [[r.id, r.key.accessKeyId] as const] : [])));
    await store.retireReplaced(current);
  };

  return {
    /** Never throws: a failure is the outcome's `problem`. */
    async sync(): Promise<SyncOutcome> {
      let userId: string | null = null;
      try {
        const signedIn = await companion();
        if (!signedIn) return { problem: null, userId };
        const user = await signedIn.userId();
        userId = user;
        const once = () =>
          syncVault({
            local: store.local,
            remote: signedIn.remote,
            userId: user,
            exclusive: store.exclusive,
          });
        const before = await retiredPairs();
        await once();
        if ((await pairs.status()) === 'unlocked') {
          await pairs.sweep();
          await retireReplaced(signedIn);
          if ((await store.read())?.dirty) await once();
        }
        // Retired since the last look, here (a reset learnt from the regions) or in another browser.
        const after = await retiredPairs();
        if (before && after)
          for (const [accessKeyId, pair] of after)
            if (!before.has(accessKeyId)) await onRetired({ region: pair.region, accessKeyId });
        return { problem: null, userId };
      } catch (error) {
        return { problem: describeSyncFailure(error), userId };
      }
    },
  };
}

function describeSyncFailure(error: unknown): string {
  if (error instanceof CompanionError && error.status !== 0)
    return `Not synced: the companion said "${error.message}"`;
  return `Not synced: ${(error as Error).message}`;
}
