/**
 * What the key service needs from a region's S3 service, in the domain's words. Every method throws
 * `BackendUnavailableError` when the service cannot be reached or refuses.
 * @module
 */
import type { Credentials } from '../keys/credentials.ts';

export interface BackendUser {
  accountId: string;
  /** The account's display name, for the service's own user list. */
  accountName: string;
}

export interface HealthCheck {
  endpointReachable: boolean;
  latencyMs: number | null;
  /** Outcome of a real signed request with `credentials`; null when no pair was given or it could not be tried. */
  keyVerified: boolean | null;
  detail: string | null;
}

/**
 * When the account's user last made a request, as the service's usage log says: `lastUsedHour` is the
 * start of the newest one-hour bucket with a request at or after `since`; or the service cannot tell,
 * and `detail` says why.
 */
export type UsageReading = { known: true; lastUsedHour: string } | { known: false; detail: string };

export interface S3Backend {
  /** Makes sure the account's user exists on the service. */
  ensureUser(user: BackendUser): Promise<void>;
  /** Adds a pair to the account's user (creating the user if the service lost it); it works as soon as this resolves. */
  addKey(user: BackendUser, credentials: Credentials): Promise<void>;
  /** Removes a pair; it stops working as soon as this resolves. Removing an absent pair is not an error. */
  removeKey(user: BackendUser, accessKeyId: string): Promise<void>;
  /** The access key ids the service holds for the account's user. */
  listKeys(user: BackendUser): Promise<string[]>;
  /** The ids of every account that has a user on the service, known to the registry or not. */
  listAccountIds(): Promise<string[]>;
  /** Reachability and, given a pair, whether it works, answered within `timeoutMs`. */
  check(credentials: Credentials | null, timeoutMs: number): Promise<HealthCheck>;
  /** Reads the usage log of the account's user from `since` (ISO time) on; never throws. */
  lastUsed(user: BackendUser, since: string): Promise<UsageReading>;
}

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}
