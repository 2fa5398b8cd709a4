/**
 * "Last used" of a region's current pair, from the S3 service's usage log, for the reset dialog: the
 * person resetting learns what will break. Usage is logged per RGW user, one per account and region, so
 * it is the use of the account's pairs there since the current one was made.
 * @module
 */
import type { KeyUsage } from '#shared/api';
import { AppError } from '../app-error.ts';
import type { BackendFor } from '../backends/index.ts';
import { REGION_ID } from '../directory/directory.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';

export interface KeyUsageOptions {
  storage: RegistryStorage;
  backendFor: BackendFor;
  now?: () => number;
}

/** `keyUsage(accountId, regionId)`: when the region's current pair was last used, or why that is unknown. */
export function createKeyUsage({ storage, backendFor, now = Date.now }: KeyUsageOptions) {
  return async function keyUsage(accountId: string, regionId: string): Promise<KeyUsage> {
    const region = REGION_ID.test(regionId) ? await storage.region(regionId) : null;
    if (!region)
      throw new AppError(
        'region_not_found',
        `There is no region "${regionId}". GET /api/v1/regions lists the regions.`,
      );
    const key = await storage.currentKey(accountId, regionId);
    if (!key) throw new AppError('key_not_found', `Region "${regionId}" has no key yet (NOT_CONFIGURED).`);
    const accountName = (await storage.account(accountId))?.name ?? accountId;
    // Requests in the hour the pair was made may still be the previous pair's: the log has no finer grain.
    const reading = await backendFor(region).lastUsed(
      { accountId, accountName },
      key.lastResetAt ?? key.createdAt,
    );
    return {
      region: regionId,
      accessKeyId: key.accessKeyId,
      known: reading.known,
      lastUsedHour: reading.known ? reading.lastUsedHour : null,
      checkedAt: new Date(now()).toISOString(),
      detail: reading.known ? null : reading.detail,
    };
  };
}
