/**
 * The lowdb registry in memory: records in maps keyed the way the storage looks them up, changed only
 * by `apply(change)` with a `RegistryChange`, the same unit the registry log records. Every lookup and
 * every change costs the same whatever the number of accounts. Records are replaced, never mutated,
 * so a record handed out (or captured for a snapshot) stays as it was.
 * @module
 */
import * as z from 'zod';
import { Role } from '#shared/api';
import {
  Account,
  AuditRecord,
  emptyData,
  Intent,
  KeyPair,
  RegionRecord,
  Service,
  Token,
  User,
  type Data,
} from './data.ts';

/** One change of the registry, as the log records it. */
export const RegistryChange = z.discriminatedUnion('op', [
  z.object({ op: z.literal('account'), account: Account }),
  z.object({
    op: z.literal('rotation-reminder'),
    accountId: z.string(),
    days: Account.shape.rotationReminderDays,
  }),
  z.object({ op: z.literal('user'), user: User }),
  z.object({ op: z.literal('role'), userId: z.string(), role: Role }),
  z.object({ op: z.literal('region'), region: RegionRecord }),
  z.object({ op: z.literal('service'), service: Service }),
  z.object({ op: z.literal('token'), token: Token }),
  z.object({ op: z.literal('revoke'), tokenIds: z.array(z.string()), at: z.string() }),
  z.object({
    op: z.literal('key'),
    retire: z.object({ accessKeyId: z.string(), at: z.string() }).nullable(),
    pair: KeyPair,
    /** The key change's audit event: committed with it, moved to the audit file when the log is compacted. */
    audit: AuditRecord,
  }),
  z.object({ op: z.literal('intent'), intent: Intent }),
  z.object({
    op: z.literal('clear-intents'),
    which: z.union([
      z.object({ accessKeyId: z.string() }),
      z.object({ accountId: z.string(), regionId: z.string() }),
    ]),
  }),
]);
export type RegistryChange = z.infer<typeof RegistryChange>;
export type IntentSelector = Extract<RegistryChange, { op: 'clear-intents' }>['which'];

/** Whether `which` selects `intent`. */
export function selects(which: IntentSelector, intent: Intent): boolean {
  return 'accessKeyId' in which
    ? intent.accessKeyId === which.accessKeyId
    : intent.accountId === which.accountId && intent.regionId === which.regionId;
}

const slotOf = (accountId: string, regionId: string) => `${accountId}\0${regionId}`;

/** Appends `value` to the list at `key` of a map of lists. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class RegistryState {
  readonly accounts = new Map<string, Account>();
  readonly accountsByName = new Map<string, Account>();
  readonly users = new Map<string, User>();
  readonly userIdsByEmail = new Map<string, string>();
  readonly userIdsByAccount = new Map<string, string[]>();
  readonly tokens = new Map<string, Token>();
  readonly tokenIdsByUser = new Map<string, string[]>();
  /** In the order regions were added (a replaced region keeps its place). */
  readonly regions = new Map<string, RegionRecord>();
  readonly services = new Map<string, Service>();
  /** Every key record, current and retired, oldest first. */
  readonly keys = new Map<string, KeyPair>();
  readonly currentKeyIdBySlot = new Map<string, string>();
  readonly keyIdsByAccount = new Map<string, string[]>();
  readonly accountIdsByRegion = new Map<string, Set<string>>();
  intents: Intent[] = [];
  /** Counts the changes applied: a view derived from the state stays valid while this is unchanged. */
  version = 0;

  /** The state holding `data` (its audit aside: the audit lives in a file of its own). */
  static from(data: Data, intents: Intent[] = []): RegistryState {
    const state = new RegistryState();
    for (const account of data.accounts) state.apply({ op: 'account', account });
    for (const user of data.users) state.apply({ op: 'user', user });
    for (const token of data.tokens) state.apply({ op: 'token', token });
    for (const region of data.regions) state.apply({ op: 'region', region });
    for (const service of data.services) state.apply({ op: 'service', service });
    for (const pair of data.keys) state.#addKey(pair);
    state.intents = [...intents];
    return state;
  }

  /** The registry as data (with an empty audit), for a snapshot or the invariant checks. */
  toData(): Data {
    return {
      ...emptyData(),
      accounts: [...this.accounts.values()],
      users: [...this.users.values()],
      tokens: [...this.tokens.values()],
      regions: [...this.regions.values()],
      services: [...this.services.values()],
      keys: [...this.keys.values()],
    };
  }

  currentKey(accountId: string, regionId: string): KeyPair | null {
    const id = this.currentKeyIdBySlot.get(slotOf(accountId, regionId));
    return (id && this.keys.get(id)) || null;
  }

  serviceAvailable(accountId: string, regionId: string): boolean {
    return this.services.get(slotOf(accountId, regionId))?.available ?? false;
  }

  /** Why `change` would break the registry's invariants; an empty list when it keeps them. */
  check(change: RegistryChange): string[] {
    const problems: string[] = [];
    const need = (ok: boolean, problem: string) => void (ok || problems.push(problem));
    switch (change.op) {
      case 'account':
        need(!this.accounts.has(change.account.id), `account "${change.account.id}" appears twice`);
        break;
      case 'rotation-reminder':
        need(this.accounts.has(change.accountId), `unknown account "${change.accountId}"`);
        break;
      case 'user':
        need(!this.users.has(change.user.id), `user "${change.user.id}" appears twice`);
        need(
          this.accounts.has(change.user.accountId),
          `user "${change.user.id}" names unknown account "${change.user.accountId}"`,
        );
        break;
      case 'token':
        need(!this.tokens.has(change.token.id), `token "${change.token.id}" appears twice`);
        need(
          this.users.has(change.token.userId),
          `token "${change.token.id}" names unknown user "${change.token.userId}"`,
        );
        break;
      case 'service': {
        const { accountId, regionId } = change.service;
        need(
          this.accounts.has(accountId) && this.regions.has(regionId),
          `service entry ${accountId}/${regionId} names an unknown account or region`,
        );
        break;
      }
      case 'key': {
        const { pair, retire } = change;
        need(!this.keys.has(pair.accessKeyId), `access key "${pair.accessKeyId}" appears twice`);
        need(
          this.accounts.has(pair.accountId) && this.regions.has(pair.regionId),
          `key "${pair.accessKeyId}" names an unknown account or region`,
        );
        need(
          pair.state === 'current' && pair.secret !== null,
          `new key "${pair.accessKeyId}" is not current`,
        );
        const current = this.currentKey(pair.accountId, pair.regionId);
        need(
          (current?.accessKeyId ?? null) === (retire?.accessKeyId ?? null),
          `account/region ${pair.accountId}/${pair.regionId} would have more than one current key`,
        );
        break;
      }
    }
    return problems;
  }

  /** Applies a change that `check` accepted. */
  apply(change: RegistryChange): void {
    this.version++;
    switch (change.op) {
      case 'account':
        this.accounts.set(change.account.id, change.account);
        this.accountsByName.set(change.account.name, change.account);
        return;
      case 'rotation-reminder': {
        const account = this.accounts.get(change.accountId);
        if (account)
          this.apply({ op: 'account', account: { ...account, rotationReminderDays: change.days } });
        return;
      }
      case 'user':
        this.users.set(change.user.id, change.user);
        this.userIdsByEmail.set(change.user.email.toLowerCase(), change.user.id);
        push(this.userIdsByAccount, change.user.accountId, change.user.id);
        return;
      case 'role': {
        const user = this.users.get(change.userId);
        if (user) this.users.set(user.id, { ...user, role: change.role });
        return;
      }
      case 'region':
        this.regions.set(change.region.id, change.region);
        return;
      case 'service':
        this.services.set(slotOf(change.service.accountId, change.service.regionId), change.service);
        return;
      case 'token':
        this.tokens.set(change.token.id, change.token);
        push(this.tokenIdsByUser, change.token.userId, change.token.id);
        return;
      case 'revoke':
        for (const id of change.tokenIds) {
          const token = this.tokens.get(id);
          if (token && !token.revokedAt) this.tokens.set(id, { ...token, revokedAt: change.at });
        }
        return;
      case 'key': {
        const { retire, pair } = change;
        const retiring = retire && this.keys.get(retire.accessKeyId);
        if (retiring) {
          this.keys.set(retiring.accessKeyId, {
            ...retiring,
            state: 'retired',
            secret: null,
            retiredAt: retire.at,
          });
        }
        this.#addKey(pair);
        return;
      }
      case 'intent':
        this.intents = [...this.intents, change.intent];
        return;
      case 'clear-intents': {
        this.intents = this.intents.filter((intent) => !selects(change.which, intent));
        return;
      }
    }
  }

  #addKey(pair: KeyPair) {
    this.keys.set(pair.accessKeyId, pair);
    if (pair.state === 'current')
      this.currentKeyIdBySlot.set(slotOf(pair.accountId, pair.regionId), pair.accessKeyId);
    push(this.keyIdsByAccount, pair.accountId, pair.accessKeyId);
    const accounts = this.accountIdsByRegion.get(pair.regionId);
    if (accounts) accounts.add(pair.accountId);
    else this.accountIdsByRegion.set(pair.regionId, new Set([pair.accountId]));
  }
}
