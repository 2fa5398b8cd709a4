/**
 * The registry as the rest of the companion sees it: narrow, asynchronous queries and changes in the
 * domain's words, implemented by the embedded lowdb storage (one process, a data file) and by the
 * PostgreSQL storage (several instances, one database). Nothing outside companion/storage/ sees how
 * either keeps its data.
 * @module
 */
import type { Role } from '#shared/api';
import type {
  Account,
  AuditRecord,
  Intent,
  KeyPair,
  RegionRecord,
  SealedSecret,
  Token,
  User,
} from './data.ts';

/** One region as one account sees it: the region, whether the account has S3 there, its current pair. */
export interface AccountRegion {
  region: RegionRecord;
  serviceAvailable: boolean;
  key: KeyPair | null;
  /** The display names of the users who created and last reset `key`, while they exist. */
  keyMakers: KeyMakers;
}

export interface KeyMakers {
  createdByName: string | null;
  lastResetByName: string | null;
}

/** A new current pair, with the audit event that records it; committed together or not at all. */
export interface KeyCommit {
  /** The current pair it replaces (a reset), retired with its secret erased; null for a create. */
  retire: { accessKeyId: string; at: string } | null;
  pair: KeyPair;
  audit: AuditRecord;
}

/**
 * One (account, region) held exclusively, across every companion on the storage, until its change
 * commits or the work given to `withSlot` ends: what it reads stays true until it commits.
 */
export interface KeySlot {
  /** The slot's region; null when there is none by that id, and then nothing may change. */
  region(): Promise<RegionRecord | null>;
  /** The display name of the slot's account (the S3 service's name for its user); null when there is none. */
  accountName(): Promise<string | null>;
  currentKey(): Promise<KeyPair | null>;
  serviceAvailable(): Promise<boolean>;
  commit(change: KeyCommit): Promise<void>;
}

/** Which page of an account's audit events to read. */
export interface AuditQuery {
  limit: number;
  /** Events to skip, newest first; default 0. */
  offset?: number;
  /** Only the events of this region. */
  region?: string;
}

/** Work that one companion at a time does for all of them. */
export type SoloTask = 'reconcile';

/** Which intents to clear: one change's, or every one in an (account, region). */
export type IntentSelector = { accessKeyId: string } | { accountId: string; regionId: string };

/** A stored idempotent answer, sealed (it may hold a secret); null while the first request runs. */
export interface IdempotencyRecord {
  fingerprint: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  response: SealedSecret | null;
}

export interface IdempotencyStore {
  /**
   * Claims (user, key) for a request with `fingerprint` when nobody holds it (or its record expired):
   * returns null then. Otherwise returns the record that holds it, unchanged.
   */
  claim(
    userId: string,
    key: string,
    fingerprint: string,
    expiresAt: number,
  ): Promise<IdempotencyRecord | null>;
  /** Stores the sealed answer of a claimed key. */
  complete(userId: string, key: string, response: SealedSecret, expiresAt: number): Promise<void>;
  /** Gives a claimed key up (its answer is not to be kept), so a retry runs again. */
  release(userId: string, key: string): Promise<void>;
}

/** Failed authentications, counted per bucket (a client address, a token id, all of them). */
export interface AuthFailureCounter {
  /** Records one failure, at `at` (ms since the epoch), in each of `buckets`. */
  record(buckets: string[], at: number): Promise<void>;
  /** How many failures `bucket` has had since `since`, and when the oldest of them was. */
  since(bucket: string, since: number): Promise<{ count: number; oldest: number | null }>;
  /** Forgets every failure at or before `before`, in every bucket. */
  prune(before: number): Promise<void>;
}

export interface RegistryStorage {
  /** Where the registry is, for messages: a file path or a database (without its password). */
  readonly location: string;

  /** A token record by its public id, with its user; null when there is none. */
  findToken(tokenId: string): Promise<{ token: Token; user: User } | null>;
  account(accountId: string): Promise<Account | null>;
  /** An account by id, or else by name. */
  findAccount(idOrName: string): Promise<Account | null>;
  /** A user by id, or else by email (any case). */
  findUser(idOrEmail: string): Promise<User | null>;
  listAccounts(): Promise<Account[]>;
  listUsers(accountId?: string): Promise<User[]>;
  listTokens(userId?: string): Promise<Token[]>;
  /** Every region, in the order they were added. */
  listRegions(): Promise<RegionRecord[]>;
  region(regionId: string): Promise<RegionRecord | null>;
  /**
   * Every region with this account's service and current pair there, in region order. The list may be
   * handed out again to the next caller (lowdb keeps it until the registry changes): never change it.
   */
  regionsOf(accountId: string): Promise<readonly AccountRegion[]>;
  /** Whether the account has the S3 service in the region (no record means no). */
  serviceAvailable(accountId: string, regionId: string): Promise<boolean>;
  currentKey(accountId: string, regionId: string): Promise<KeyPair | null>;
  /** Every key record of the account, current and retired, oldest first. */
  keysOf(accountId: string): Promise<KeyPair[]>;
  /** Accounts with any key record (current or retired) in the region. */
  accountsWithKeysIn(regionId: string): Promise<string[]>;
  /** Some current pair, to check at start that the master key opens the secrets; null when none. */
  anySealedKey(): Promise<KeyPair | null>;
  /** The account's audit events, newest first: `limit` of them after skipping `offset`, of one region if given. */
  auditPage(accountId: string, options: AuditQuery): Promise<AuditRecord[]>;

  addAccount(account: Account): Promise<void>;
  /** Sets the account's rotation reminder, in days (null: off); nothing when there is no such account. */
  setRotationReminder(accountId: string, days: number | null): Promise<void>;
  addUser(user: User): Promise<void>;
  setRole(userId: string, role: Role): Promise<void>;
  /** Adds the region, or replaces the one with its id. */
  putRegion(region: RegionRecord): Promise<void>;
  setServiceAvailable(accountId: string, regionId: string, available: boolean): Promise<void>;
  addToken(token: Token): Promise<void>;
  revokeTokens(tokenIds: string[], at: string): Promise<void>;

  /** Runs `work` holding the (account, region) slot; see KeySlot. */
  withSlot<T>(accountId: string, regionId: string, work: (slot: KeySlot) => Promise<T>): Promise<T>;
  appendAudit(events: AuditRecord[]): Promise<void>;

  /** The intents recorded and not yet cleared, oldest first. */
  intents(): Promise<Intent[]>;
  /** Records an intent durably before the S3 service is touched; visible to every instance. */
  addIntent(intent: Intent): Promise<void>;
  clearIntents(which: IntentSelector): Promise<void>;

  readonly idempotency: IdempotencyStore;
  readonly authFailures: AuthFailureCounter;

  /**
   * Runs `work` unless another companion on this storage is running the same task; then skips it and
   * returns null. (lowdb: one process owns the data, so it always runs.)
   */
  alone<T>(task: SoloTask, work: () => Promise<T>): Promise<T | null>;

  /** Waits for pending writes and lets go of the storage. */
  close(): Promise<void>;
}
