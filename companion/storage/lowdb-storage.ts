/**
 * The embedded storage: the registry of one data directory owned by one process (its lock file), kept
 * in memory with indexes for every lookup and persisted as a log of changes (registry-files.ts), with
 * the audit and the idempotent answers in files of their own. Slots are held with an in-process lock,
 * which is enough because no other process writes the data directory.
 * @module
 */
import { openMemoryIdempotency } from './idempotency-file.ts';
import type {
  AccountRegion,
  AuthFailureCounter,
  IdempotencyStore,
  KeySlot,
  RegistryStorage,
} from './registry-storage.ts';
import { memoryRegistryFiles, type RegistryFiles } from './registry-files.ts';
import { type RegistryState, selects } from './registry-state.ts';
import { createKeyedMutex } from '../keys/keyed-mutex.ts';

const slotOf = (accountId: string, regionId: string) => `${accountId}\0${regionId}`;

export interface LowdbStorageOptions {
  files: RegistryFiles;
  idempotency: IdempotencyStore;
  location: string;
  /** Called by close(), after the pending writes (releases the data directory's lock). */
  onClose?: () => void;
}

export function createLowdbStorage({
  files,
  idempotency,
  location,
  onClose,
}: LowdbStorageOptions): RegistryStorage {
  const runExclusive = createKeyedMutex();
  const { state, audit } = files;
  const pick = <T>(ids: readonly string[] | undefined, from: ReadonlyMap<string, T>) =>
    (ids ?? []).map((id) => from.get(id)!);
  // Every reader of the regions (the popup, each browser's poll) asks for this list far more often than
  // the registry changes: an account's list is built once per registry version and handed out again.
  let regionLists = { version: state.version, byAccount: new Map<string, readonly AccountRegion[]>() };

  return {
    location,
    async findToken(tokenId) {
      const token = state.tokens.get(tokenId);
      const user = token && state.users.get(token.userId);
      return token && user ? { token, user } : null;
    },
    async account(accountId) {
      return state.accounts.get(accountId) ?? null;
    },
    async findAccount(idOrName) {
      return state.accounts.get(idOrName) ?? state.accountsByName.get(idOrName) ?? null;
    },
    async findUser(idOrEmail) {
      const byEmail = state.userIdsByEmail.get(idOrEmail.toLowerCase());
      return state.users.get(idOrEmail) ?? (byEmail === undefined ? null : state.users.get(byEmail)) ?? null;
    },
    async listAccounts() {
      return [...state.accounts.values()];
    },
    async listUsers(accountId) {
      if (accountId === undefined) return [...state.users.values()];
      return pick(state.userIdsByAccount.get(accountId), state.users);
    },
    async listTokens(userId) {
      if (userId === undefined) return [...state.tokens.values()];
      return pick(state.tokenIdsByUser.get(userId), state.tokens);
    },
    async listRegions() {
      return [...state.regions.values()];
    },
    async region(regionId) {
      return state.regions.get(regionId) ?? null;
    },
    async regionsOf(accountId) {
      if (regionLists.version !== state.version)
        regionLists = { version: state.version, byAccount: new Map() };
      let list = regionLists.byAccount.get(accountId);
      if (!list) {
        list = accountRegions(state, accountId);
        regionLists.byAccount.set(accountId, list);
      }
      return list;
    },
    async serviceAvailable(accountId, regionId) {
      return state.serviceAvailable(accountId, regionId);
    },
    async currentKey(accountId, regionId) {
      return state.currentKey(accountId, regionId);
    },
    async keysOf(accountId) {
      return pick(state.keyIdsByAccount.get(accountId), state.keys);
    },
    async accountsWithKeysIn(regionId) {
      return [...(state.accountIdsByRegion.get(regionId) ?? [])];
    },
    async anySealedKey() {
      for (const id of state.currentKeyIdBySlot.values()) return state.keys.get(id) ?? null;
      return null;
    },
    async auditPage(accountId, query) {
      return audit.page(accountId, query);
    },

    addAccount: (account) => files.change({ op: 'account', account }),
    async setRotationReminder(accountId, days) {
      if (state.accounts.has(accountId)) await files.change({ op: 'rotation-reminder', accountId, days });
    },
    addUser: (user) => files.change({ op: 'user', user }),
    async setRole(userId, role) {
      if (state.users.has(userId)) await files.change({ op: 'role', userId, role });
    },
    putRegion: (region) => files.change({ op: 'region', region }),
    setServiceAvailable: (accountId, regionId, available) =>
      files.change({ op: 'service', service: { accountId, regionId, available } }),
    addToken: (token) => files.change({ op: 'token', token }),
    revokeTokens: (tokenIds, at) => files.change({ op: 'revoke', tokenIds, at }),

    withSlot(accountId, regionId, work) {
      const slot: KeySlot = {
        region: async () => state.regions.get(regionId) ?? null,
        accountName: async () => state.accounts.get(accountId)?.name ?? null,
        currentKey: async () => state.currentKey(accountId, regionId),
        serviceAvailable: async () => state.serviceAvailable(accountId, regionId),
        commit: ({ retire, pair, audit }) => files.change({ op: 'key', retire, pair, audit }),
      };
      return runExclusive(slotOf(accountId, regionId), () => work(slot));
    },
    appendAudit: (events) => audit.append(events),

    async intents() {
      return [...state.intents];
    },
    // Not fsync'd on its own: the commit's fsync carries it (one log, appended in order). A power cut
    // before that loses it with the unacknowledged change, and reconciliation, which lists the gateway's
    // users, still finds and undoes whatever reached the gateway (test/ceph/keys-on-rgw.test.ts).
    addIntent: (intent) => files.change({ op: 'intent', intent }, { durable: false }),
    // Not fsync'd: an intent that outlives its change only gives reconciliation one more slot to check.
    async clearIntents(which) {
      if (state.intents.some((intent) => selects(which, intent)))
        await files.change({ op: 'clear-intents', which }, { durable: false });
    },

    idempotency,
    authFailures: memoryFailureCounter(),
    alone: (_task, work) => work(),

    async close() {
      await files.close();
      onClose?.();
    },
  };
}

/** Failures in this process's memory: the lowdb companion is the only one on its data. */
function memoryFailureCounter(): AuthFailureCounter {
  const failures = new Map<string, number[]>();
  return {
    async record(buckets, at) {
      for (const bucket of buckets) failures.set(bucket, [...(failures.get(bucket) ?? []), at]);
    },
    async since(bucket, since) {
      const recent = (failures.get(bucket) ?? []).filter((t) => t > since);
      if (recent.length > 0) failures.set(bucket, recent);
      else failures.delete(bucket);
      return { count: recent.length, oldest: recent[0] ?? null };
    },
    async prune(before) {
      for (const [bucket, times] of failures) {
        const kept = times.filter((t) => t > before);
        if (kept.length > 0) failures.set(bucket, kept);
        else failures.delete(bucket);
      }
    },
  };
}

/** Every region with the account's service and current pair there (see `RegistryStorage.regionsOf`). */
function accountRegions(state: RegistryState, accountId: string): readonly AccountRegion[] {
  const nameOf = (userId: string | null) => (userId && state.users.get(userId)?.name) ?? null;
  return [...state.regions.values()].map((region) => {
    const key = state.currentKey(accountId, region.id);
    return {
      region,
      serviceAvailable: state.serviceAvailable(accountId, region.id),
      key,
      keyMakers: {
        createdByName: nameOf(key?.createdBy ?? null),
        lastResetByName: nameOf(key?.lastResetBy ?? null),
      },
    };
  });
}

/** A lowdb storage in memory only, for unit tests. */
export async function openMemoryStorage(): Promise<RegistryStorage> {
  return createLowdbStorage({
    files: memoryRegistryFiles(),
    idempotency: await openMemoryIdempotency(),
    location: 'memory',
  });
}
