/**
 * The remembered pairs as the extension uses them: the local vault copy (IndexedDB, ciphertext only),
 * the derived key in memory-only `session:` storage, synced with the user's vault on the companion, and
 * locked after the idle time the user set. A reset here retires the old pair at once (or at the next
 * unlock when locked); a reset anywhere else is learnt at the next sync from the regions' current keys.
 * @module
 */
import type { Region } from '#shared/api';
import { createCompanionClient, CompanionError } from '@/lib/companion-client.ts';
import type { KeyReplaced } from '@/lib/key-operation.ts';
import {
  connection,
  rememberedKeysIdleMinutes,
  rememberedKeysKey,
  rememberedKeysLastUse,
  rememberedKeysVault,
  retiredRememberedKeys,
} from '@/lib/state.ts';
import type { StoredItem } from '@/lib/stored-item.ts';
import { recordReplacedKey } from '../where-used/replaced-keys.ts';
import {
  createLocalVault,
  type LocalVaultStore,
  type RememberedPair,
  type VaultEntry,
} from './local-vault.ts';
import { syncVault, VaultConflict, type VaultRemote } from './vault-sync.ts';

/** Whether the user opted in (here or in another browser), and whether the pairs can be read now. */
export type VaultStatus = 'off' | 'locked' | 'unlocked';

/** How the last sync ended: null when it worked (or there is nothing to sync), else why not, in a sentence. */
export type SyncProblem = string | null;

/** What the vault needs of the companion: who the user is, their vault, and their regions' current keys. */
export interface VaultCompanion {
  userId(): Promise<string>;
  remote: VaultRemote;
  regions(): Promise<Pick<Region, 'id' | 'key'>[]>;
}

/** Idle times the user can choose, in minutes. */
export const IDLE_CHOICES = [5, 15, 60, 240] as const;
export const DEFAULT_IDLE_MINUTES = 15;

export interface RememberedPairsOptions {
  store: LocalVaultStore;
  /** Access key ids a reset here retired while locked, retired at the next unlock. */
  retired: StoredItem<string[] | null>;
  /** The signed-in companion; null when signed out. */
  companion: () => Promise<VaultCompanion | null>;
  /** When the unlocked vault was last used (ms), memory-only. */
  lastUse: StoredItem<number | null>;
  idleMinutes: StoredItem<number>;
  /** Told of each pair a reset elsewhere retired (e.g. to list where its key was used). */
  onRetired?: (replaced: KeyReplaced) => Promise<void>;
  now?: () => number;
}

export function createRememberedPairs({
  store,
  retired,
  companion,
  lastUse,
  idleMinutes,
  onRetired = async () => {},
  now = Date.now,
}: RememberedPairsOptions) {
  const status = async (): Promise<VaultStatus> => {
    if (!(await store.read())) return 'off';
    if (await store.isLocked()) return 'locked';
    const last = await lastUse.getValue();
    if (last !== null && now() - last > (await idleMinutes.getValue()) * 60_000) {
      await lock();
      return 'locked';
    }
    return 'unlocked';
  };
  const lock = async () => {
    await store.lock();
    await lastUse.removeValue();
  };
  const touch = () => lastUse.setValue(now());
  /** Retires what a reset here retired while locked; the store must be unlocked. */
  const sweep = async () => {
    const ids = (await retired.getValue()) ?? [];
    if (ids.length === 0) return;
    await store.retire(ids);
    await retired.removeValue();
  };
  const entries = async (): Promise<VaultEntry[]> => {
    if ((await status()) !== 'unlocked') return [];
    await touch();
    await sweep();
    return store.entries();
  };

  /** Syncs once with `signedIn`; then, unlocked, retires pairs whose key was reset elsewhere, and syncs that. */
  const syncWith = async (signedIn: VaultCompanion) => {
    const userId = await signedIn.userId();
    const sync = () =>
      syncVault({ local: store.local, remote: signedIn.remote, userId, exclusive: store.exclusive });
    await sync();
    if ((await status()) !== 'unlocked') return;
    await sweep();
    const regions = await signedIn.regions().catch(() => null);
    if (regions) {
      const current = new Map(regions.flatMap((r) => (r.key ? [[r.id, r.key.accessKeyId] as const] : [])));
      const before = new Set(activeIds(await store.entries()));
      await store.retireReplaced(current);
      for (const entry of await store.entries())
        if (entry.state === 'retired' && before.has(entry.pair.accessKeyId))
          await onRetired({ region: entry.pair.region, accessKeyId: entry.pair.accessKeyId });
    }
    if ((await store.read())?.dirty) await sync();
  };

  const self = {
    status,
    /** Every item while unlocked (remembered, retired, unreadable); empty when off or locked. */
    entries,
    /** The pairs that may be filled: remembered, not retired; empty when off or locked. */
    async pairs(): Promise<RememberedPair[]> {
      const seen = new Set<string>();
      return (await entries()).flatMap((e) =>
        e.state === 'remembered' && !seen.has(e.pair.accessKeyId)
          ? (seen.add(e.pair.accessKeyId), [e.pair])
          : [],
      );
    },
    /** False (and nothing changes) on a wrong passphrase. */
    async unlock(passphrase: string): Promise<boolean> {
      if (!(await store.unlock(passphrase))) return false;
      await touch();
      await sweep();
      return true;
    },
    lock,
    /**
     * Remembers `pair`. Opts in first when there is no vault here or on the companion (`passphrase`
     * becomes the vault's), or unlocks it when locked. False on a wrong passphrase.
     */
    async remember(pair: RememberedPair, passphrase?: string): Promise<boolean> {
      const signedIn = await companion();
      if ((await status()) === 'off' && signedIn) await syncWith(signedIn).catch(() => undefined);
      const now = await status();
      if (now === 'off') {
        if (!passphrase) throw new Error('a passphrase is needed to opt in');
        if (!signedIn)
          throw new Error('sign in to the companion first: the vault belongs to your user there');
        await store.setUp(passphrase, await signedIn.userId());
        await touch();
      } else if (now === 'locked' && !(await self.unlock(passphrase ?? ''))) return false;
      await store.remember(pair);
      await self.sync();
      return true;
    },
    /** A reset here replaced `accessKeyId`: it no longer works, so it is never filled again. */
    async retire(accessKeyId: string): Promise<void> {
      const now = await status();
      if (now === 'unlocked') {
        await store.retire([accessKeyId]);
        await self.sync();
      } else if (now === 'locked')
        await retired.setValue([...((await retired.getValue()) ?? []), accessKeyId]);
    },
    /** Forgets every remembered pair, here and (at once, or at the next sync) on the companion; works locked too. */
    async forgetAll(): Promise<SyncProblem> {
      await store.forgetAll();
      await retired.removeValue();
      return self.sync();
    },
    /** Syncs with the companion now; resolves to why it could not, or null. Never throws. */
    async sync(): Promise<SyncProblem> {
      try {
        const signedIn = await companion();
        if (signedIn) await syncWith(signedIn);
        return null;
      } catch (error) {
        return describeSyncFailure(error);
      }
    },
    idleMinutes: () => idleMinutes.getValue(),
    setIdleMinutes: (minutes: number) => idleMinutes.setValue(minutes),
  };
  return self;
}

export type RememberedPairs = ReturnType<typeof createRememberedPairs>;

const activeIds = (entries: VaultEntry[]) =>
  entries.flatMap((e) => (e.state === 'remembered' ? [e.pair.accessKeyId] : []));

function describeSyncFailure(error: unknown): string {
  if (error instanceof CompanionError)
    return error.status === 0
      ? `Not synced: ${error.message}`
      : `Not synced: the companion said "${error.message}"`;
  return `Not synced: ${(error as Error).message}`;
}

/** The signed-in companion as the vault sees it (null when signed out). */
export async function signedInCompanion(): Promise<VaultCompanion | null> {
  const saved = await connection.getValue();
  if (!saved) return null;
  const client = createCompanionClient(saved);
  return {
    userId: async () => (await client.me()).user.id,
    regions: () => client.regions(),
    remote: {
      read: () => client.vault(),
      version: () => client.vaultVersion(),
      async write(content, ifMatch) {
        try {
          return await client.putVault(content, ifMatch);
        } catch (error) {
          if (error instanceof CompanionError && error.code === 'vault_changed')
            throw new VaultConflict(error.message);
          throw error;
        }
      },
    },
  };
}

/** The extension's remembered pairs (popup and worker share the same storage). */
export const rememberedPairs: RememberedPairs = createRememberedPairs({
  store: createLocalVault({ local: rememberedKeysVault, session: rememberedKeysKey }),
  retired: retiredRememberedKeys,
  companion: signedInCompanion,
  lastUse: rememberedKeysLastUse,
  idleMinutes: rememberedKeysIdleMinutes,
  onRetired: (replaced) => recordReplacedKey(replaced),
});

/** A reset replaced a key: its remembered pair no longer works, so it is never filled again (a key-operation listener). */
export function retireReplacedPair({ accessKeyId }: KeyReplaced): Promise<void> {
  return rememberedPairs.retire(accessKeyId);
}
