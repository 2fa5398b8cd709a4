/**
 * What the S3 services say about the account's keys: quick per-region checks for `GET /api/v1/status`
 * (every region at once, each bounded in time so a hanging endpoint cannot hold the answer, and cached
 * briefly so opening the popup again is free), and when a pair was last used.
 * @module
 */
import type { RegionCheck } from '#shared/api';
import type { HealthCheck, S3Backend } from '../backends/s3-backend.ts';
import type { RegionRecord } from '../storage/data.ts';
import type { AccountRegion, RegistryStorage } from '../storage/registry-storage.ts';
import type { Sealer } from '../storage/seal.ts';
import { createKeyUsage } from './key-usage.ts';

export interface StatusServiceOptions {
  storage: RegistryStorage;
  sealer: Sealer;
  backendFor: (region: RegionRecord) => S3Backend;
  /** How long one region may take. Default 2,500 ms, inside the contract's 3 s. */
  timeoutMs?: number;
  /** How long a result is reused. Default 10 s. */
  cacheMs?: number;
  now?: () => number;
}

export type StatusService = ReturnType<typeof createStatusService>;

export function createStatusService({
  storage,
  sealer,
  backendFor,
  timeoutMs = 2500,
  cacheMs = 10_000,
  now = Date.now,
}: StatusServiceOptions) {
  const cache = new Map<string, { at: number; check: Promise<RegionCheck> }>();

  function checkRegion({ region, serviceAvailable, key: current }: AccountRegion): Promise<RegionCheck> {
    const key = serviceAvailable ? current : null;
    const slot = `${region.id}\0${key?.accessKeyId ?? '-'}`;
    const cached = cache.get(slot);
    if (cached && now() - cached.at < cacheMs) return cached.check;
    const credentials = key
      ? { accessKeyId: key.accessKeyId, secretAccessKey: sealer.open(key.secret!, key) }
      : null;
    const check = withDeadline(backendFor(region).check(credentials, timeoutMs), timeoutMs).then(
      (health): RegionCheck => ({
        id: region.id,
        ...health,
        keyVerified: key ? health.keyVerified : null,
        checkedAt: new Date(now()).toISOString(),
      }),
    );
    cache.set(slot, { at: now(), check });
    return check;
  }

  return {
    async check(accountId: string): Promise<RegionCheck[]> {
      return Promise.all((await storage.regionsOf(accountId)).map(checkRegion));
    },
    /** When the region's current pair was last used, from the S3 service's usage log; see key-usage.ts. */
    lastUsed: createKeyUsage({ storage, backendFor, now }),
  };
}

function withDeadline(check: Promise<HealthCheck>, timeoutMs: number): Promise<HealthCheck> {
  const late: HealthCheck = {
    endpointReachable: false,
    latencyMs: null,
    keyVerified: null,
    detail: `No answer within ${timeoutMs} ms.`,
  };
  const failed = (error: unknown): HealthCheck => ({
    ...late,
    detail: `Check failed: ${(error as Error).message}`,
  });
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    check.catch(failed),
    new Promise<HealthCheck>((resolve) => (timer = setTimeout(resolve, timeoutMs, late))),
  ]).finally(() => clearTimeout(timer));
}
