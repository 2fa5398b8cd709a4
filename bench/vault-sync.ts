/**
 * The synced vault with 100 remembered pairs, against a real companion process (lowdb): the extension's
 * own vault code (key derivation, per-item AES-GCM, merge, compare-and-swap sync) run in Node's WebCrypto,
 * as two browsers of one user. Times the first upload, a pull into a new browser, its unlock (derive the
 * key, check it, open all 100 items), a version check when nothing changed, and a sync that loses a race
 * (412), merges and writes again.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalVault, type LocalVault } from '../extension/features/remembered-keys/local-vault.ts';
import {
  syncVault,
  VaultConflict,
  type VaultRemote,
} from '../extension/features/remembered-keys/vault-sync.ts';
import { createVaultClient } from '../extension/lib/companion-client.ts';
import { CompanionError } from '../extension/lib/companion-error.ts';
import { memoryItem } from '../extension/lib/stored-item.ts';
import { runCli, startCompanion } from '../test/helpers/companion-process.ts';
import { summarize, timeEach } from './stats.ts';

const PAIRS = 100;
const ROUNDS = 10;
const PASSPHRASE = 'bench passphrase, not a secret';

export async function vaultSync() {
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-vault-'));
  await runCli(['demo', '--data', dataDir]);
  const token = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')).alice.token as string;
  const companion = await startCompanion(dataDir);
  try {
    const client = createVaultClient({ url: companion.url, token });
    const remote: VaultRemote = {
      read: () => client.vault(),
      version: () => client.vaultVersion(),
      write: (content, ifMatch) =>
        client.putVault(content, ifMatch).catch((error) => {
          throw error instanceof CompanionError && error.code === 'vault_changed'
            ? new VaultConflict()
            : error;
        }),
    };
    const me = await fetch(`${companion.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    const userId = (await me.json()).user.id as string;
    const browser = () => {
      const local = memoryItem<LocalVault | null>(null);
      const store = createLocalVault({ local, session: memoryItem<string | null>(null) });
      return { store, sync: () => syncVault({ local, remote, userId, exclusive: store.exclusive }) };
    };
    const pair = (i: number) => ({
      region: `bench-${i}`,
      accessKeyId: `AKIDBENCH${String(i).padStart(11, '0')}`,
      secretAccessKey: `bench/secret/${i}/wJalrXUtnFEMIK7MDENGbPxRfiCY`,
      endpoint: `https://s3.bench-${i}.example`,
    });
    const time = async (op: () => Promise<unknown>) => {
      const started = performance.now();
      await op();
      return performance.now() - started;
    };

    const a = browser();
    await a.store.setUp(PASSPHRASE, userId);
    for (let i = 0; i < PAIRS; i++) await a.store.remember(pair(i));
    const firstUploadMs = await time(() => a.sync());
    const vaultBytes = JSON.stringify((await client.vault()).vault).length;

    const pull = await timeEach(ROUNDS, async () => void (await browser().sync()));
    const b = browser();
    await b.sync();
    const unlock = await timeEach(ROUNDS, async () => {
      await b.store.lock();
      if (!(await b.store.unlock(PASSPHRASE))) throw new Error('bench: unlock failed');
      if ((await b.store.entries()).length !== PAIRS) throw new Error('bench: not every pair opened');
    });
    const check = await timeEach(ROUNDS, async () => void (await b.sync()));
    // A writes first; B's write of its own change is refused (412), so it reads, merges and writes again.
    const race: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await a.sync();
      await b.sync();
      await a.store.remember(pair(PAIRS + 2 * i));
      await b.store.remember(pair(PAIRS + 2 * i + 1));
      await a.sync();
      const started = performance.now();
      if ((await b.sync()) !== 'pushed') throw new Error('bench: B did not merge and write');
      race.push(performance.now() - started);
    }
    const result = {
      name: 'vault-sync',
      pairs: PAIRS,
      vaultBytes,
      firstUploadMs: Math.round(firstUploadMs),
      pullIntoNewBrowserMs: summarize(pull),
      unlockAndOpenAllMs: summarize(unlock),
      versionCheckNothingChangedMs: summarize(check),
      syncAfter412MergeAndRetryMs: summarize(race),
    };
    console.log(
      `\nvault with ${PAIRS} pairs (${vaultBytes} B): first upload ${result.firstUploadMs} ms; pull into a new browser p50 ${result.pullIntoNewBrowserMs.p50} ms; ` +
        `unlock + open all p50 ${result.unlockAndOpenAllMs.p50} ms; version check p50 ${result.versionCheckNothingChangedMs.p50} ms; ` +
        `sync after a 412 (read, merge, write) p50 ${result.syncAfter412MergeAndRetryMs.p50} ms`,
    );
    return result;
  } finally {
    await companion.stop();
  }
}
