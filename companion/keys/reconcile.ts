/**
 * Reconciliation: the registry is the source of truth. For every account that has (or had) keys in a
 * region with an S3 service, the service must hold exactly the current pair: a committed pair it lacks
 * is added back, any other key of that account's user is removed (so an unfinished change rolls back),
 * and the intents are cleared. What changed goes to the log and the audit.
 * @module
 */
import type { BackendFor } from '../backends/index.ts';
import type { Logger } from '../logger.ts';
import type { Data } from '../storage/data.ts';
import type { Sealer } from '../storage/seal.ts';
import type { IntentJournal } from '../storage/intent-journal.ts';
import type { Store } from '../storage/store.ts';
import { appendAudit } from './audit.ts';

export interface ReconcileChange {
  regionId: string;
  accountId: string;
  accessKeyId: string;
  change: 'added' | 'removed';
}

export interface ReconcileReport {
  changes: ReconcileChange[];
  /** Regions (or accounts in them) that could not be checked, with why. */
  failures: { regionId: string; accountId: string; reason: string }[];
}

export interface ReconcileOptions {
  store: Store;
  journal: IntentJournal;
  sealer: Sealer;
  backendFor: BackendFor;
  logger: Logger;
  now: () => Date;
  /** Runs `work` under the (account, region) lock that key changes also take. */
  runExclusive: <T>(accountId: string, regionId: string, work: () => Promise<T>) => Promise<T>;
}

export async function reconcileRegions({
  store,
  journal,
  sealer,
  backendFor,
  logger,
  now,
  runExclusive,
}: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { changes: [], failures: [] };
  const regions = store.data.regions.filter((r) => r.backend.type !== 'none');
  await Promise.all(
    regions.map(async (region) => {
      for (const accountId of accountsToCheck(store.data, journal, region.id)) {
        // One failure says the region's service is down: the next accounts would only wait for it too.
        const checked = await runExclusive(accountId, region.id, async () => {
          const data = store.data;
          const backend = backendFor(region);
          const user = {
            accountId,
            accountName: data.accounts.find((a) => a.id === accountId)?.name ?? accountId,
          };
          const current = data.keys.find(
            (k) => k.accountId === accountId && k.regionId === region.id && k.state === 'current',
          );
          const changes: ReconcileChange[] = [];
          try {
            const present = await backend.listKeys(user);
            for (const accessKeyId of present.filter((id) => id !== current?.accessKeyId)) {
              await backend.removeKey(user, accessKeyId);
              changes.push({ regionId: region.id, accountId, accessKeyId, change: 'removed' });
            }
            if (current && !present.includes(current.accessKeyId)) {
              await backend.addKey(user, {
                accessKeyId: current.accessKeyId,
                secretAccessKey: sealer.open(current.secret!, current),
              });
              changes.push({
                regionId: region.id,
                accountId,
                accessKeyId: current.accessKeyId,
                change: 'added',
              });
            }
          } catch (error) {
            report.failures.push({ regionId: region.id, accountId, reason: (error as Error).message });
            return false;
          } finally {
            report.changes.push(...changes);
          }
          const at = now().toISOString();
          if (changes.length > 0) {
            await store.update((draft) => {
              for (const c of changes) {
                appendAudit(
                  draft,
                  {
                    accountId,
                    actor: null,
                    action: `reconcile.${c.change === 'added' ? 'add' : 'remove'}`,
                    region: region.id,
                    accessKeyId: c.accessKeyId,
                    outcome: 'success',
                  },
                  at,
                );
              }
            });
          }
          await journal.clear((i) => i.accountId === accountId && i.regionId === region.id);
          return true;
        });
        if (!checked) break;
      }
    }),
  );
  for (const c of report.changes)
    logger.info(
      `reconcile: ${c.change} key ${c.accessKeyId} of account ${c.accountId} in region ${c.regionId}`,
    );
  for (const f of report.failures)
    logger.warn(`reconcile: could not check account ${f.accountId} in region ${f.regionId}: ${f.reason}`);
  return report;
}

/** Accounts with any key record or unfinished change in the region. */
function accountsToCheck(data: Data, journal: IntentJournal, regionId: string): string[] {
  const ids = new Set<string>();
  for (const k of data.keys) if (k.regionId === regionId) ids.add(k.accountId);
  for (const i of journal.intents) if (i.regionId === regionId) ids.add(i.accountId);
  return [...ids];
}
