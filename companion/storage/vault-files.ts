/**
 * The vault store of the embedded storage: one durable JSON file per user, `vaults/<userId>.json` in
 * the data directory (temp file, fsync, rename; see durable-json-file.ts). One process owns the data
 * directory, so an in-process lock per user makes each compare-and-swap atomic; versions are cached
 * after the first read so the version check reads no file.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Memory, type Adapter } from 'lowdb';
import { createKeyedMutex } from '../keys/keyed-mutex.ts';
import { DurableJSONFile } from './durable-json-file.ts';
import type { StoredVault, VaultStore } from './vault-store.ts';

const SAFE_USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Opens the store over `dir` (created 0700 when missing). */
export async function openVaultFiles(dir: string): Promise<VaultStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return createVaultFiles((userId) => {
    // User ids are the companion's own; a path separator in one would be a bug, never a path.
    if (!SAFE_USER_ID.test(userId))
      throw new Error(`vault-files: unexpected user id ${JSON.stringify(userId)}`);
    return new DurableJSONFile<StoredVault>(join(dir, `${userId}.json`));
  });
}

/** Vaults in memory only, for unit tests. */
export function openMemoryVaults(): VaultStore {
  const files = new Map<string, Adapter<StoredVault>>();
  return createVaultFiles((userId) => {
    if (!files.has(userId)) files.set(userId, new Memory<StoredVault>());
    return files.get(userId)!;
  });
}

function createVaultFiles(fileOf: (userId: string) => Adapter<StoredVault>): VaultStore {
  const runExclusive = createKeyedMutex();
  const versions = new Map<string, number>();
  const pending = new Set<Promise<unknown>>();
  const read = async (userId: string) => {
    const stored = await fileOf(userId).read();
    versions.set(userId, stored?.version ?? 0);
    return stored;
  };

  return {
    read: (userId) => runExclusive(userId, () => read(userId)),
    async version(userId) {
      return versions.get(userId) ?? (await runExclusive(userId, () => read(userId)))?.version ?? 0;
    },
    replace(userId, expected, content, at) {
      const write = runExclusive(userId, async () => {
        const current = (await read(userId))?.version ?? 0;
        if (current !== expected) return null;
        const next: StoredVault = { version: current + 1, content, updatedAt: at };
        await fileOf(userId).write(next);
        versions.set(userId, next.version);
        return next.version;
      });
      pending.add(write);
      void write.finally(() => pending.delete(write)).catch(() => undefined);
      return write;
    },
    async close() {
      await Promise.allSettled([...pending]);
    },
  };
}
