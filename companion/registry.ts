/**
 * Opens a data directory for writing: takes its lock, loads the master key, the data file and the
 * intent journal, and checks that the master key opens the sealed secrets. Used by the server and by every CLI command
 * that changes data.
 * @module
 */
import { join } from 'node:path';
import { prepareDataDir } from './storage/data-dir.ts';
import type { Data, Intent } from './storage/data.ts';
import { DurableJSONFile } from './storage/durable-json-file.ts';
import { openIntentJournal, type IntentJournal } from './storage/intent-journal.ts';
import { acquireDataLock } from './storage/lock-file.ts';
import { loadMasterKey } from './storage/master-key.ts';
import { createSealer, type Sealer } from './storage/seal.ts';
import { openStore, type Store } from './storage/store.ts';
import { StartupError } from './startup-error.ts';

export const DATA_FILE = 'registry.json';
export const JOURNAL_FILE = 'intents.json';

export interface Registry {
  dataDir: string;
  store: Store;
  journal: IntentJournal;
  sealer: Sealer;
  /** Waits for pending writes, then releases the lock. */
  close(): Promise<void>;
}

export async function openRegistry(dataDir: string): Promise<Registry> {
  await prepareDataDir(dataDir);
  const lock = acquireDataLock(dataDir);
  try {
    const sealer = createSealer(await loadMasterKey(dataDir));
    const file = join(dataDir, DATA_FILE);
    const store = await openStore({ adapter: new DurableJSONFile<Data>(file), source: file });
    checkMasterKey(store.data, sealer, file);
    const journalFile = join(dataDir, JOURNAL_FILE);
    const journal = await openIntentJournal({
      adapter: new DurableJSONFile<Intent[]>(journalFile),
      source: journalFile,
    });
    return {
      dataDir,
      store,
      journal,
      sealer,
      async close() {
        await store.settled();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function checkMasterKey(data: Data, sealer: Sealer, file: string) {
  const sealed = data.keys.find((k) => k.secret);
  if (!sealed) return;
  try {
    sealer.open(sealed.secret!, sealed);
  } catch {
    throw new StartupError(
      `The master key does not open the secrets in ${file}. Start with the master.key (or S3KEYS_MASTER_KEY) that sealed them.`,
    );
  }
}
