/**
 * The embedded storage: the registry in one lowdb data file owned by one process (its lock file), the
 * intent journal and the idempotent answers in small files of their own. Lookups go through indexes
 * built once per change of what they index; slots are held with an in-process lock, which is enough
 * because no other process writes the data directory.
 * @module
 */
import type { AuditRecord, Data, KeyPair, Token } from './data.ts';
import { arrayGroups, arrayIndex } from './array-index.ts';
import { openMemoryIdempotency } from './idempotency-file.ts';
import { openMemoryJournal, type IntentJournal } from './intent-journal.ts';
import type { AuthFailureCounter, IdempotencyStore, KeySlot, RegistryStorage } from './registry-storage.ts';
import { openMemoryStore, type Store } from './store.ts';
import { AUDIT_RETENTION } from '../keys/audit.ts';
import { createKeyedMutex } from '../keys/keyed-mutex.ts';

const slotOf = (accountId: string, regionId: string) => `${accountId}\0${regionId}`;

const accountsById = arrayIndex((a: Data['accounts'][number]) => a.id);
const accountsByName = arrayIndex((a: Data['accounts'][number]) => a.name);
const usersById = arrayIndex((u: Data['users'][number]) => u.id);
const usersByEmail = arrayIndex((u: Data['users'][number]) => u.email.toLowerCase());
const tokensById = arrayIndex((t: Token) => t.id);
const regionsById = arrayIndex((r: Data['regions'][number]) => r.id);
const servicesBySlot = arrayIndex((s: Data['services'][number]) => slotOf(s.accountId, s.regionId));
const currentKeysBySlot = arrayIndex((k: KeyPair) =>
  k.state === 'current' ? slotOf(k.accountId, k.regionId) : undefined,
);
const keysByRegion = arrayGroups((k: KeyPair) => k.regionId);
const auditByAccount = arrayGroups((e: AuditRecord) => e.accountId);

export interface LowdbStorageOptions {
  store: Store;
  journal: IntentJournal;
  idempotency: IdempotencyStore;
  location: string;
  /** Called by close(), after the pending writes (releases the data directory's lock). */
  onClose?: () => void;
}

export function createLowdbStorage({
  store,
  journal,
  idempotency,
  location,
  onClose,
}: LowdbStorageOptions): RegistryStorage {
  const runExclusive = createKeyedMutex();
  const currentKey = (accountId: string, regionId: string) =>
    currentKeysBySlot(store.data.keys).get(slotOf(accountId, regionId)) ?? null;
  const serviceAvailable = (accountId: string, regionId: string) =>
    servicesBySlot(store.data.services).get(slotOf(accountId, regionId))?.available ?? false;
  const pushAudit = (draft: Data, events: AuditRecord[]) => {
    draft.audit.push(...events);
    if (draft.audit.length > AUDIT_RETENTION) draft.audit.splice(0, draft.audit.length - AUDIT_RETENTION);
  };

  return {
    location,
    async findToken(tokenId) {
      const token = tokensById(store.data.tokens).get(tokenId);
      const user = token && usersById(store.data.users).get(token.userId);
      return token && user ? { token, user } : null;
    },
    async account(accountId) {
      return accountsById(store.data.accounts).get(accountId) ?? null;
    },
    async findAccount(idOrName) {
      const { accounts } = store.data;
      return accountsById(accounts).get(idOrName) ?? accountsByName(accounts).get(idOrName) ?? null;
    },
    async findUser(idOrEmail) {
      const { users } = store.data;
      return usersById(users).get(idOrEmail) ?? usersByEmail(users).get(idOrEmail.toLowerCase()) ?? null;
    },
    async listAccounts() {
      return [...store.data.accounts];
    },
    async listUsers(accountId) {
      return store.data.users.filter((u) => accountId === undefined || u.accountId === accountId);
    },
    async listTokens(userId) {
      return store.data.tokens.filter((t) => userId === undefined || t.userId === userId);
    },
    async listRegions() {
      return [...store.data.regions];
    },
    async region(regionId) {
      return regionsById(store.data.regions).get(regionId) ?? null;
    },
    async regionsOf(accountId) {
      return store.data.regions.map((region) => ({
        region,
        serviceAvailable: serviceAvailable(accountId, region.id),
        key: currentKey(accountId, region.id),
      }));
    },
    async serviceAvailable(accountId, regionId) {
      return serviceAvailable(accountId, regionId);
    },
    async currentKey(accountId, regionId) {
      return currentKey(accountId, regionId);
    },
    async keysOf(accountId) {
      return store.data.keys.filter((k) => k.accountId === accountId);
    },
    async accountsWithKeysIn(regionId) {
      return [...new Set((keysByRegion(store.data.keys).get(regionId) ?? []).map((k) => k.accountId))];
    },
    async anySealedKey() {
      return store.data.keys.find((k) => k.secret) ?? null;
    },
    async auditPage(accountId, { limit, offset = 0, region }) {
      const all = auditByAccount(store.data.audit).get(accountId) ?? [];
      const events = region === undefined ? all : all.filter((e) => e.region === region);
      const end = events.length - offset;
      return end > 0 ? events.slice(Math.max(0, end - limit), end).reverse() : [];
    },

    async addAccount(account) {
      await store.update((draft) => void draft.accounts.push(account));
    },
    async addUser(user) {
      await store.update((draft) => void draft.users.push(user));
    },
    async setRole(userId, role) {
      await store.update((draft) => {
        const user = draft.users.find((u) => u.id === userId);
        if (user) user.role = role;
      });
    },
    async putRegion(region) {
      await store.update((draft) => {
        const index = draft.regions.findIndex((r) => r.id === region.id);
        if (index >= 0) draft.regions[index] = region;
        else draft.regions.push(region);
      });
    },
    async setServiceAvailable(accountId, regionId, available) {
      await store.update((draft) => {
        const entry = draft.services.find((s) => s.accountId === accountId && s.regionId === regionId);
        if (entry) entry.available = available;
        else draft.services.push({ accountId, regionId, available });
      });
    },
    async addToken(token) {
      await store.update((draft) => void draft.tokens.push(token));
    },
    async revokeTokens(tokenIds, at) {
      const revoked = new Set(tokenIds);
      await store.update((draft) => {
        for (const token of draft.tokens) if (revoked.has(token.id) && !token.revokedAt) token.revokedAt = at;
      });
    },

    withSlot(accountId, regionId, work) {
      const slot: KeySlot = {
        currentKey: async () => currentKey(accountId, regionId),
        serviceAvailable: async () => serviceAvailable(accountId, regionId),
        async commit({ retire, pair, audit }) {
          await store.update((draft) => {
            if (retire) {
              const retiring = draft.keys.find((k) => k.accessKeyId === retire.accessKeyId)!;
              Object.assign(retiring, { state: 'retired', secret: null, retiredAt: retire.at });
            }
            draft.keys.push(pair);
            pushAudit(draft, [audit]);
          });
        },
      };
      return runExclusive(slotOf(accountId, regionId), () => work(slot));
    },
    async appendAudit(events) {
      await store.update((draft) => pushAudit(draft, events));
    },

    async intents() {
      return [...journal.intents];
    },
    addIntent: (intent) => journal.add(intent),
    clearIntents: (which) =>
      journal.clear((i) =>
        'accessKeyId' in which
          ? i.accessKeyId === which.accessKeyId
          : i.accountId === which.accountId && i.regionId === which.regionId,
      ),

    idempotency,
    authFailures: memoryFailureCounter(),
    alone: (_task, work) => work(),

    async close() {
      await store.settled();
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
  };
}

/** A lowdb storage in memory only, for unit tests. */
export async function openMemoryStorage(): Promise<RegistryStorage> {
  return createLowdbStorage({
    store: await openMemoryStore(),
    journal: await openMemoryJournal(),
    idempotency: await openMemoryIdempotency(),
    location: 'memory',
  });
}
