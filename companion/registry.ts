/**
 * Opens the registry: the master key that seals secrets (from the data directory or
 * S3KEYS_MASTER_KEY), and the storage — PostgreSQL when a database URL is given, else the lowdb files
 * of the data directory (taking its lock unless opened read-only) — then checks that the master key
 * opens the sealed secrets. Used by the server and by every CLI command.
 * @module
 */
import { join } from 'node:path';
import { prepareDataDir } from './storage/data-dir.ts';
import { DurableJSONFile } from './storage/durable-json-file.ts';
import { openIdempotencyFile } from './storage/idempotency-file.ts';
import { acquireDataLock } from './storage/lock-file.ts';
import { createLowdbStorage } from './storage/lowdb-storage.ts';
import { loadMasterKey } from './storage/master-key.ts';
import { openPostgresStorage } from './storage/postgres/postgres-storage.ts';
import type { RegistryStorage } from './storage/registry-storage.ts';
import { openPostgresVaults } from './storage/postgres/postgres-vaults.ts';
import { openVaultFiles } from './storage/vault-files.ts';
import type { VaultStore } from './storage/vault-store.ts';
import { createSealer, type Sealer } from './storage/seal.ts';
import { DATA_FILE, openRegistryFiles } from './storage/registry-files.ts';
import { StartupError } from './startup-error.ts';

export { DATA_FILE };
export const IDEMPOTENCY_FILE = 'idempotency.json';
/** The directory of the users' synced vaults, one file each. */
export const VAULTS_DIR = 'vaults';

export interface Registry {
  dataDir: string;
  storage: RegistryStorage;
  sealer: Sealer;
  /** The users' synced vaults (ciphertext only), beside the registry on the same storage. */
  vaults: VaultStore;
  /** Waits for pending writes, then lets go of the storage (and the data lock). */
  close(): Promise<void>;
}

export interface RegistryLocation {
  dataDir: string;
  /** A postgres:// URL: the registry lives there instead of in the data directory's files. */
  databaseUrl?: string;
  /** Listings only: the lowdb files are read without the lock and nothing may be written. */
  readOnly?: boolean;
}

export async function openRegistry({
  dataDir,
  databaseUrl,
  readOnly = false,
}: RegistryLocation): Promise<Registry> {
  await prepareDataDir(dataDir);
  const sealer = createSealer(await loadMasterKey(dataDir));
  const storage = databaseUrl
    ? await openPostgresStorage(databaseUrl)
    : await openLowdbStorage(dataDir, readOnly);
  let vaults: VaultStore;
  try {
    await checkMasterKey(storage, sealer);
    // After the storage opened: on PostgreSQL, it migrated the schema the vaults table is part of.
    vaults = databaseUrl ? openPostgresVaults(databaseUrl) : await openVaultFiles(join(dataDir, VAULTS_DIR));
  } catch (error) {
    await storage.close();
    throw error;
  }
  return {
    dataDir,
    storage,
    sealer,
    vaults,
    close: async () => {
      await vaults.close();
      await storage.close();
    },
  };
}

async function openLowdbStorage(dataDir: string, readOnly: boolean): Promise<RegistryStorage> {
  const lock = readOnly ? null : acquireDataLock(dataDir);
  try {
    const files = await openRegistryFiles(dataDir, { readOnly });
    const idempotencyFile = join(dataDir, IDEMPOTENCY_FILE);
    const idempotency = await openIdempotencyFile({
      adapter: new DurableJSONFile(idempotencyFile),
      source: idempotencyFile,
    });
    return createLowdbStorage({
      files,
      idempotency,
      location: join(dataDir, DATA_FILE),
      onClose: () => lock?.release(),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function checkMasterKey(storage: RegistryStorage, sealer: Sealer) {
  const sealed = await storage.anySealedKey();
  if (!sealed) return;
  try {
    sealer.open(sealed.secret!, sealed);
  } catch {
    throw new StartupError(
      `The master key does not open the secrets in ${storage.location}. Start with the master.key (or S3KEYS_MASTER_KEY) that sealed them.`,
    );
  }
}
