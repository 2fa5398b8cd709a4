/**
 * The remembered pairs as the extension uses them: the local vault copy (IndexedDB, ciphertext only),
 * the derived key in memory-only `session:` storage, locked after the idle time the user set, and
 * synced with the user's vault on the companion through a {@link VaultLink} (the worker's syncer,
 * vault-syncer.ts). The worker owns it; the popup calls it through remembered-pairs-proxy.ts.
 * A reset here retires the old pair at once (or at the next unlock when locked).
 * @module
 */
import {
  legacyRememberedKeys,
  rememberedKeysIdleMinutes,
  rememberedKeysKey,
  rememberedKeysLastUse,
  rememberedKeysVault,
  retiredRememberedKeys,
} from '@/lib/state.ts';
import type { StoredItem } from '@/lib/stored-item.ts';
import { type LegacyVault, openLegacyVault } from './legacy-vault.ts';
import {
  createLocalVault,
  type LocalVaultStore,
  type RememberedPair,
  type VaultEntry,
} from './local-vault.ts';

/** Whether the user opted in (here or in another browser), and whether the pairs can be read now. */
export type VaultStatus = 'off' | 'locked' | 'unlocked';

/** How a sync ended: why it could not (a sentence), or null; and the signed-in user, when known. */
export interface SyncOutcome {
  problem: string | null;
  userId: string | null;
}

/** How the remembered pairs reach the companion's vault. */
export interface VaultLink {
  sync(): Promise<SyncOutcome>;
}

/** The vault's stored parts, as every context of the extension opens them. */
export interface VaultParts {
  store: LocalVaultStore;
  /** Access key ids a reset here retired while locked, retired at the next unlock. */
  retired: StoredItem<string[] | null>;
  /** When the unlocked vault was last used (ms), memory-only. */
  lastUse: StoredItem<number | null>;
  idleMinutes: StoredItem<number>;
  /** The vault of the version before sync, moved into this one at the first unlock. */
  legacy: StoredItem<LegacyVault | null>;
}

export interface RememberedPairsOptions extends VaultParts {
  link: VaultLink;
  now?: () => number;
}

export function createRememberedPairs({
  store,
  retired,
  lastUse,
  idleMinutes,
  legacy,
  link,
  now = Date.now,
}: RememberedPairsOptions) {
  const lock = async () => {
    await store.lock();
    await lastUse.removeValue();
  };
  const status = async (): Promise<VaultStatus> => {
    if (!(await store.read())) return (await legacy.getValue()) ? 'locked' : 'off';
    if (await store.isLocked()) return 'locked';
    const last = await lastUse.getValue();
    if (last !== null && now() - last > (await idleMinutes.getValue()) * 60_000) {
      await lock();
      return 'locked';
    }
    return 'unlocked';
  };
  const touch = () => lastUse.setValue(now());
  const entries = async (): Promise<VaultEntry[]> => {
    if ((await status()) !== 'unlocked') return [];
    await touch();
    await self.sweep();
    return store.entries();
  };

  /** Opens the pre-sync vault and moves its pairs into this user's synced vault (set up with the same passphrase when there is none). */
  const moveLegacy = async (old: LegacyVault, passphrase: string): Promise<boolean> => {
    const pairs = await openLegacyVault(old, passphrase);
    if (!pairs) return false;
    const { userId, problem } = await link.sync();
    if (!(await store.read())) {
      if (!userId)
        throw new Error(problem ?? 'sign in to the companion first: the vault belongs to your user there');
      await store.setUp(passphrase, userId);
    } else if (!(await store.unlock(passphrase))) return false; // another passphrase synced from elsewhere
    for (const pair of pairs) await store.remember(pair);
    await legacy.removeValue();
    await touch();
    await link.sync();
    return true;
  };

  const self = {
    status,
    /** Every item while unlocked (remembered, retired, unreadable); empty when off or locked. */
    entries,
    /** The pairs that may be filled: remembered, not retired; empty when off or locked. */
    async pairs(): Promise<RememberedPair[]> {
      const seen = new Set<string>();
      return (await entries()).flatMap((e) => {
        if (e.state !== 'remembered' || seen.has(e.pair.accessKeyId)) return [];
        seen.add(e.pair.accessKeyId);
        return [e.pair];
      });
    },
    /** Retires what a reset here retired while locked; the store must be unlocked. */
    async sweep(): Promise<void> {
      const ids = (await retired.getValue()) ?? [];
      if (ids.length === 0) return;
      await store.retire(ids);
      await retired.removeValue();
    },
    /** False (and nothing changes) on a wrong passphrase. */
    async unlock(passphrase: string): Promise<boolean> {
      const old = await legacy.getValue();
      if (old && !(await store.read())) return moveLegacy(old, passphrase);
      if (!(await store.unlock(passphrase))) return false;
      await touch();
      await self.sweep();
      return true;
    },
    lock,
    /**
     * Remembers `pair`. Opts in first when there is no vault here or on the companion (`passphrase`
     * becomes the vault's), or unlocks it when locked. False on a wrong passphrase.
     */
    async remember(pair: RememberedPair, passphrase?: string): Promise<boolean> {
      // A vault set up in another browser is this user's vault here too: fetch it before opting in.
      const { userId, problem } =
        (await status()) === 'off' ? await link.sync() : { userId: null, problem: null };
      const now = await status();
      if (now === 'off') {
        if (!passphrase) throw new Error('a passphrase is needed to opt in');
        if (!userId)
          throw new Error(problem ?? 'sign in to the companion first: the vault belongs to your user there');
        await store.setUp(passphrase, userId);
        await touch();
      } else if (now === 'locked' && !(await self.unlock(passphrase ?? ''))) return false;
      await store.remember(pair);
      await link.sync();
      return true;
    },
    /** A reset here replaced `accessKeyId`: it no longer works, so it is never filled again. */
    async retire(accessKeyId: string): Promise<void> {
      const now = await status();
      if (now === 'unlocked') {
        await store.retire([accessKeyId]);
        await link.sync();
      } else if (now === 'locked')
        await retired.setValue([...((await retired.getValue()) ?? []), accessKeyId]);
    },
    /** Forgets every remembered pair, here and (at once, or at the next sync) on the companion; works locked too. */
    async forgetAll(): Promise<string | null> {
      await store.forgetAll();
      await retired.removeValue();
      await legacy.removeValue();
      return (await link.sync()).problem;
    },
    /** Syncs with the companion now (the idle lock applies first); resolves to why it could not, or null. */
    async sync(): Promise<string | null> {
      await status();
      return (await link.sync()).problem;
    },
    idleMinutes: () => idleMinutes.getValue(),
    setIdleMinutes: (minutes: number) => idleMinutes.setValue(minutes),
  };
  return self;
}

export type RememberedPairs = ReturnType<typeof createRememberedPairs>;

/** The extension's stored vault (popup and worker share the same storage). */
export const extensionVault: VaultParts = {
  store: createLocalVault({ local: rememberedKeysVault, session: rememberedKeysKey }),
  retired: retiredRememberedKeys,
  lastUse: rememberedKeysLastUse,
  idleMinutes: rememberedKeysIdleMinutes,
  legacy: legacyRememberedKeys,
};
