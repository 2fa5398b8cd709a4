/**
 * Where the companion keeps each user's synced vault: ciphertext it cannot read, with a version that
 * every write increments. A write names the version it replaces (compare-and-swap), so two browsers
 * writing at once cannot both win: the second learns of the first and merges. Implemented by one file
 * per user in the data directory (`vault-files.ts`) and by a PostgreSQL table (`postgres/postgres-vaults.ts`).
 * @module
 */
import type { VaultContent } from '#shared/vault';

/** A user's vault as stored. */
export interface StoredVault {
  /** 1 after the first write, then one more per write. */
  version: number;
  content: VaultContent;
  updatedAt: string;
}

export interface VaultStore {
  /** The user's vault; null before their first write. */
  read(userId: string): Promise<StoredVault | null>;
  /** The user's vault version alone (0 before the first write): cheap enough to poll. */
  version(userId: string): Promise<number>;
  /**
   * Stores `content` as the user's vault when its version is still `expected` (0: none yet) and returns
   * the new version; returns null and changes nothing when it is not.
   */
  replace(userId: string, expected: number, content: VaultContent, at: string): Promise<number | null>;
  /** Waits for pending writes and lets go of the storage. */
  close(): Promise<void>;
}
