/**
 * This browser's copy of the user's vault: the same ciphertext the companion keeps (see vault-crypto.ts),
 * the companion version it was last merged with, and whether it holds changes not written yet. While
 * unlocked, the derived key sits in memory-only session storage; the passphrase is never stored.
 * Items only move forward: remembered (version 1) → retired (version 2, its key was reset); "forget
 * all" empties the vault and raises its epoch. Changes run one at a time across the popup and the worker.
 * @module
 */
import type { VaultContent, VaultItem } from '#shared/vault';
import type { StoredItem } from '@/lib/stored-item.ts';
import type { Fill } from '../autofill/types.ts';
import {
  deriveKey,
  fromB64,
  importKey,
  MIN_ITERATIONS,
  newKdf,
  openItem,
  opensCheck,
  sealCheck,
  sealItem,
  toB64,
} from './vault-crypto.ts';

/** A remembered pair: what autofill needs, tagged with its region. */
export type RememberedPair = Fill;

export interface LocalVault {
  /** The companion user the vault belongs to (part of every item's associated data). */
  userId: string;
  /** The companion's version this copy was last merged with; 0 before the first sync. */
  base: number;
  /** True while it holds changes the companion does not have yet. */
  dirty: boolean;
  content: VaultContent;
}

/** An item as opened: a pair, remembered or retired; or an item that failed to open (changed outside this browser). */
export type VaultEntry =
  | { id: string; state: 'remembered' | 'retired'; pair: RememberedPair; at: string }
  | { id: string; state: 'unreadable' };

type ItemValue = Extract<VaultEntry, { pair: RememberedPair }>;
const VERSION_OF = { remembered: 1, retired: 2 } as const;

/** Runs `work` alone among every context of the extension that shares the vault. */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

export interface LocalVaultOptions {
  local: StoredItem<LocalVault | null>;
  /** Where the unlocked key lives (memory-only, e.g. `session:` storage). */
  session: StoredItem<string | null>;
  iterations?: number;
  exclusive?: Exclusive;
  now?: () => Date;
}

export function createLocalVault({
  local,
  session,
  iterations = MIN_ITERATIONS,
  exclusive = webLock('s3keys-vault'),
  now = () => new Date(),
}: LocalVaultOptions) {
  if (iterations < MIN_ITERATIONS)
    throw new Error(`remembered-keys: PBKDF2 needs at least ${MIN_ITERATIONS} iterations`);
  const sessionKey = async () => {
    const raw = await session.getValue();
    if (!raw) throw new Error('remembered-keys: locked');
    return importKey(fromB64(raw));
  };
  const open = async (key: CryptoKey, userId: string, item: VaultItem): Promise<VaultEntry> => {
    try {
      const value = await openItem<ItemValue>(key, userId, item);
      if (VERSION_OF[value.state] !== item.version) throw new Error('version and state disagree');
      return { ...value, id: item.id };
    } catch {
      return { id: item.id, state: 'unreadable' };
    }
  };
  const seal = async (key: CryptoKey, userId: string, id: string, value: Omit<ItemValue, 'id'>) => ({
    id,
    version: VERSION_OF[value.state],
    ...(await sealItem(key, userId, id, VERSION_OF[value.state], value)),
  });
  /** Applies `change` to the opened items and stores the result as a change to sync. */
  const change = (
    edit: (entries: VaultEntry[], vault: LocalVault, key: CryptoKey) => Promise<VaultItem[] | null>,
  ) =>
    exclusive(async () => {
      const vault = await local.getValue();
      if (!vault) throw new Error('remembered-keys: not set up');
      const key = await sessionKey();
      const entries = await Promise.all(vault.content.items.map((item) => open(key, vault.userId, item)));
      const changed = await edit(entries, vault, key);
      if (!changed) return;
      const ids = new Set(changed.map((item) => item.id));
      const items = [...vault.content.items.filter((item) => !ids.has(item.id)), ...changed];
      await local.setValue({ ...vault, dirty: true, content: { ...vault.content, items } });
    });
  const retireWhere = (matches: (entry: ItemValue) => boolean) =>
    change(async (entries, vault, key) => {
      const at = now().toISOString();
      const retiring = entries.filter((e): e is ItemValue => e.state === 'remembered' && matches(e));
      if (retiring.length === 0) return null;
      return Promise.all(
        retiring.map(({ id, pair }) => seal(key, vault.userId, id, { state: 'retired', pair, at })),
      );
    });

  return {
    /** The copy as stored (ciphertext), for sync; null before opting in. */
    read: () => local.getValue(),
    isLocked: async () => (await session.getValue()) === null,
    /** Opts in: an empty vault of `userId` under `passphrase`, left unlocked. */
    async setUp(passphrase: string, userId: string): Promise<void> {
      const kdf = newKdf(iterations);
      const raw = await deriveKey(passphrase, kdf);
      const check = await sealCheck(await importKey(raw), userId);
      await exclusive(() =>
        local.setValue({ userId, base: 0, dirty: true, content: { kdf, epoch: 0, check, items: [] } }),
      );
      await session.setValue(toB64(raw));
    },
    /** Derives the key and checks it against the vault's check value; false (nothing changes) on a wrong passphrase. */
    async unlock(passphrase: string): Promise<boolean> {
      const vault = await local.getValue();
      if (!vault) return false;
      const raw = await deriveKey(passphrase, vault.content.kdf);
      if (!(await opensCheck(await importKey(raw), vault.userId, vault.content.check))) return false;
      await session.setValue(toB64(raw));
      return true;
    },
    lock: () => session.removeValue(),
    /** Every item, opened; throws when locked. */
    async entries(): Promise<VaultEntry[]> {
      const vault = await local.getValue();
      if (!vault) return [];
      const key = await sessionKey();
      return Promise.all(vault.content.items.map((item) => open(key, vault.userId, item)));
    },
    /** Remembers `pair`; an earlier pair of its region (another key) is retired. */
    remember: (pair: RememberedPair) =>
      change(async (entries, vault, key) => {
        const active = entries.filter((e): e is ItemValue => e.state === 'remembered');
        if (active.some((e) => e.pair.accessKeyId === pair.accessKeyId)) return null;
        const at = now().toISOString();
        const replaced = active.filter((e) => e.pair.region === pair.region);
        return Promise.all([
          ...replaced.map((e) => seal(key, vault.userId, e.id, { state: 'retired', pair: e.pair, at })),
          seal(key, vault.userId, newItemId(), { state: 'remembered', pair, at }),
        ]);
      }),
    /** Retires the remembered pairs of these access key ids: they no longer work and are never filled again. */
    retire: (accessKeyIds: readonly string[]) =>
      retireWhere((e) => accessKeyIds.includes(e.pair.accessKeyId)),
    /** Retires every remembered pair whose region's current key (region id → access key id) is another one. */
    retireReplaced: (current: ReadonlyMap<string, string>) =>
      retireWhere((e) => current.has(e.pair.region) && current.get(e.pair.region) !== e.pair.accessKeyId),
    /** Empties the vault (locked or not): a new epoch, so no stale copy elsewhere brings the pairs back. */
    forgetAll: () =>
      exclusive(async () => {
        const vault = await local.getValue();
        if (!vault) return;
        const content = { ...vault.content, epoch: vault.content.epoch + 1, items: [] };
        await local.setValue({ ...vault, dirty: true, content });
      }),
    /** The stored copy itself, for sync (which runs under {@link exclusive}). */
    local,
    exclusive,
  };
}

export type LocalVaultStore = ReturnType<typeof createLocalVault>;

/** A random 128-bit item id, URL-safe base64. */
function newItemId(): string {
  return toB64(crypto.getRandomValues(new Uint8Array(16)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Web Locks where the context has them (extension pages and the worker share them, being one origin);
 * elsewhere (unit tests) a lock within this context.
 */
export function webLock(name: string): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (locks) return locks.request(name, work) as ReturnType<typeof work>;
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
