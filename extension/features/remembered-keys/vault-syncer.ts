/**
 * One sync of the remembered pairs, as the worker runs it: bring the local copy and the companion's
 * vault together (vault-sync.ts); then, when unlocked, retire every remembered pair whose region's
 * current key is another one — a reset anywhere, by any user of the account, learnt from the regions —
 * tell `onRetired` (where-used lists the old key's sites), and write that back.
 * @module
 */
import type { Region } from '#shared/api';
import type { KeyReplaced } from '@/lib/key-operation.ts';
import { CompanionError } from '@/lib/companion-client.ts';
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
  const retireReplaced = async (signedIn: VaultCompanion) => {
    const regions = await signedIn.regions().catch(() => null); // a member sees no regions: nothing to learn
    if (!regions) return;
    const current = new Map(regions.flatMap((r) => (r.key ? [[r.id, r.key.accessKeyId] as const] : [])));
    const active = (await store.entries()).flatMap((e) => (e.state === 'remembered' ? [e.pair] : []));
    await store.retireReplaced(current);
    const retired = new Set(
      (await store.entries()).flatMap((e) => (e.state === 'retired' ? [e.pair.accessKeyId] : [])),
    );
    for (const pair of active)
      if (retired.has(pair.accessKeyId))
        await onRetired({ region: pair.region, accessKeyId: pair.accessKeyId });
  };

  return {
    /** Never throws: a failure is the outcome's `problem`. */
    async sync(): Promise<SyncOutcome> {
      let userId: string | null = null;
      try {
        const signedIn = await companion();
        if (!signedIn) return { problem: null, userId };
        userId = await signedIn.userId();
        const once = () =>
          syncVault({
            local: store.local,
            remote: signedIn.remote,
            userId: userId!,
            exclusive: store.exclusive,
          });
        await once();
        if ((await pairs.status()) === 'unlocked') {
          await pairs.sweep();
          await retireReplaced(signedIn);
          if ((await store.read())?.dirty) await once();
        }
        return { problem: null, userId };
      } catch (error) {
        return { problem: describeSyncFailure(error), userId };
      }
    },
  };
}

export type VaultSyncer = ReturnType<typeof createVaultSyncer>;

function describeSyncFailure(error: unknown): string {
  if (error instanceof CompanionError && error.status !== 0)
    return `Not synced: the companion said "${error.message}"`;
  return `Not synced: ${(error as Error).message}`;
}
