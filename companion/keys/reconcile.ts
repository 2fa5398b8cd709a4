/**
 * Reconciliation: the registry is the source of truth. For every account that has (or had) keys in a
 * region with an S3 service, or an intent there, or a user on that service (one the registry may know
 * nothing about, left by a create whose undo failed), the service must hold exactly the current pair: a
 * committed pair it lacks is added back, any other key of that account's user is removed (so an
 * unfinished change rolls back), and the intents are cleared. In a registry-only region nothing was
 * provisioned, so its intents are only cleared. What changed goes to the log and the audit.
 * @module
 */
import type { BackendFor } from '../backends/index.ts';
import { ACCOUNT_ID } from '../directory/directory.ts';
import type { Logger } from '../logger.ts';
import type { KeySlot, RegistryStorage } from '../storage/registry-storage.ts';
import type { Sealer } from '../storage/seal.ts';
import { auditRecord } from './audit.ts';

/** Accounts checked at once in one region. */
export const RECONCILE_CONCURRENCY = 8;

export interface ReconcileChange {
  regionId: string;
  accountId: string;
  accessKeyId: string;
  change: 'added' | 'removed';
}

export interface ReconcileReport {
  changes: ReconcileChange[];
  /** Regions (or accounts in them) that could not be checked, with why; accountId `*` when the service's users could not be listed. */
  failures: { regionId: string; accountId: string; reason: string }[];
  /** True when another companion was reconciling the same storage, so this one did nothing. */
  skipped: boolean;
}

export interface ReconcileOptions {
  storage: RegistryStorage;
  sealer: Sealer;
  backendFor: BackendFor;
  logger: Logger;
  now: () => Date;
  /** Runs `work` holding the (account, region) slot that key changes also hold. */
  inSlot: <T>(accountId: string, regionId: string, work: (slot: KeySlot) => Promise<T>) => Promise<T>;
}

export async function reconcileRegions({
  storage,
  sealer,
  backendFor,
  logger,
  now,
  inSlot,
}: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { changes: [], failures: [], skipped: false };
  const regions = await storage.listRegions();
  const intents = await storage.intents();
  await Promise.all(
    regions.map(async (region) => {
      const intentAccountIds = intents.filter((i) => i.regionId === region.id).map((i) => i.accountId);
      if (region.backend.type === 'none') {
        for (const accountId of new Set(intentAccountIds))
          await inSlot(accountId, region.id, () => storage.clearIntents({ accountId, regionId: region.id }));
        return;
      }
      let onService: string[];
      try {
        // Only users named like an account's: the gateway's own users (its admin, say) share the prefix.
        onService = (await backendFor(region).listAccountIds()).filter((id) => ACCOUNT_ID.test(id));
      } catch (error) {
        report.failures.push({ regionId: region.id, accountId: '*', reason: (error as Error).message });
        return;
      }
      const accountIds = new Set([
        ...(await storage.accountsWithKeysIn(region.id)),
        ...intentAccountIds,
        ...onService,
      ]);
      // A few accounts at a time: a gateway answers in milliseconds, so one by one thousands of accounts
      // would take minutes, and all at once would flood it. One failure says the region's service is
      // down: the accounts not yet started would only wait for it too.
      const pending = [...accountIds];
      let next = 0;
      let down = false;
      const worker = async () => {
        while (!down && next < pending.length) {
          const accountId = pending[next++]!;
          const checked = await inSlot(accountId, region.id, async (slot) => {
            const backend = backendFor(region);
            const user = { accountId, accountName: (await slot.accountName()) ?? accountId };
            const current = await slot.currentKey();
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
              await storage.appendAudit(
                changes.map((c) =>
                  auditRecord(
                    {
                      accountId,
                      actor: null,
                      action: `reconcile.${c.change === 'added' ? 'add' : 'remove'}`,
                      region: region.id,
                      accessKeyId: c.accessKeyId,
                      outcome: 'success',
                    },
                    at,
                  ),
                ),
              );
            }
            await storage.clearIntents({ accountId, regionId: region.id });
            return true;
          });
          if (!checked) down = true;
        }
      };
      await Promise.all(Array.from({ length: Math.min(RECONCILE_CONCURRENCY, pending.length) }, worker));
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
