/**
 * The key service: the rules of S3 key pairs. One pair per account and region; create makes it,
 * reset replaces it (the old pair stops working before the answer), nothing deletes it. The secret
 * leaves this service once, in the `Secret` a create or reset returns.
 * @module
 */
import type { ErrorCode, KeyInfo, Region, RegionKey, Secret } from '#shared/api';
import { AppError } from '../app-error.ts';
import type { BackendFor } from '../backends/index.ts';
import type { BackendUser } from '../backends/s3-backend.ts';
import { REGION_ID } from '../directory/directory.ts';
import type { KeyPair, RegionRecord, User } from '../storage/data.ts';
import type { AccountRegion, KeyMakers, KeySlot, RegistryStorage } from '../storage/registry-storage.ts';
import type { Sealer } from '../storage/seal.ts';
import { auditRecord } from './audit.ts';
import { generateCredentials, type Credentials } from './credentials.ts';
import { NO_FAULTS, type FaultPoints } from './fault-points.ts';
import { createKeyedMutex } from './keyed-mutex.ts';
import { runKeyChange } from './provisioning.ts';
import { createRefusalLimiter, DEFAULT_REFUSAL_LIMIT, type RefusalLimit } from './refusal-limit.ts';
import { reconcileRegions, type ReconcileReport } from './reconcile.ts';
import type { Logger } from '../logger.ts';
import { memoByIdentity } from '../memo-by-identity.ts';

export interface KeyServiceOptions {
  storage: RegistryStorage;
  sealer: Sealer;
  backendFor: BackendFor;
  logger: Logger;
  now?: () => Date;
  generate?: () => Credentials;
  faults?: FaultPoints;
  refusalLimit?: RefusalLimit;
}

export type KeyAction = 'key.create' | 'key.reset' | 'key.delete';
/** Every action whose refusal is audited: the key writes, and the account setting of the rotation reminder. */
export type AuditedAction = KeyAction | 'account.rotation-reminder';

/**
 * Runs with the new pair's answer just before a create or reset commits it (the HTTP layer keeps it
 * for a retry); when it fails, the change is undone.
 */
export type BeforeCommit = (secret: Secret) => Promise<void>;
const NOTHING: BeforeCommit = async () => undefined;

export type KeyService = ReturnType<typeof createKeyService>;

export function createKeyService({
  storage,
  sealer,
  backendFor,
  logger,
  now = () => new Date(),
  generate = generateCredentials,
  faults = NO_FAULTS,
  refusalLimit = DEFAULT_REFUSAL_LIMIT,
}: KeyServiceOptions) {
  const refusals = createRefusalLimiter(refusalLimit, () => now().getTime());
  // A cheap first gate: work on one slot queues here instead of holding storage connections and locks.
  const runExclusive = createKeyedMutex();

  /**
   * The slot's region and the account as the S3 service knows it, read with the slot (one round trip on
   * PostgreSQL); a region that does not exist is a 404 and nothing changes.
   */
  const targetOf = async (slot: KeySlot, accountId: string, regionId: string) => {
    const [target, accountName] = await Promise.all([slot.region(), slot.accountName()]);
    if (!target) throw regionNotFound(regionId);
    return { target, user: { accountId, accountName: accountName ?? accountId } satisfies BackendUser };
  };
  const inSlot = async <T>(accountId: string, regionId: string, work: (slot: KeySlot) => Promise<T>) => {
    // Only a well-formed id is looked up: the path is the client's to choose.
    if (!REGION_ID.test(regionId)) throw regionNotFound(regionId);
    return runExclusive(`${accountId}\0${regionId}`, () => storage.withSlot(accountId, regionId, work));
  };

  /** Runs a key operation, auditing refusals and failures. */
  async function guarded(
    actor: User,
    action: KeyAction,
    regionId: string,
    work: () => Promise<Secret>,
  ): Promise<Secret> {
    try {
      return await work();
    } catch (error) {
      const code: ErrorCode = error instanceof AppError ? error.code : 'internal_error';
      const outcome = code === 'backend_unavailable' || code === 'internal_error' ? 'failed' : 'refused';
      // Only a refusal past the user's limit throws here (429); see recordAttempt.
      await recordAttempt(actor, action, regionId, outcome, code);
      throw error;
    }
  }

  /**
   * Audits a refused or failed attempt; a refusal past the user's limit is answered 429 instead (and not
   * audited). Never throws otherwise: the client still gets the refusal it earned (a full disk must not
   * turn a 403 into a 500); a failed audit write is logged, by ids and codes only.
   */
  async function recordAttempt(
    actor: User,
    action: AuditedAction,
    regionId: string | null,
    outcome: 'refused' | 'failed',
    code: ErrorCode,
  ): Promise<void> {
    if (outcome === 'refused') refusals.admit(actor.id);
    // Only a well-formed region id is kept: the path is the client's to choose.
    const region = regionId !== null && REGION_ID.test(regionId) ? regionId : null;
    try {
      await storage.appendAudit([
        auditRecord(
          { accountId: actor.accountId, actor: actor.id, action, region, outcome, code },
          now().toISOString(),
        ),
      ]);
    } catch (error) {
      logger.error(
        `audit: could not record the ${outcome} ${action} of user ${actor.id} in region ${region ?? '(invalid)'} ` +
          `(${code}): ${failureName(error)}`,
      );
    }
  }

  /**
   * Makes a new pair the slot's current one, replacing `old` (a reset) or none (a create): on the S3
   * service first, then in the registry with its audit event, under the slot held by the caller.
   */
  async function replacePair(
    actor: User,
    target: RegionRecord,
    user: BackendUser,
    slot: KeySlot,
    old: KeyPair | null,
    beforeCommit: BeforeCommit,
  ): Promise<Secret> {
    const action = old ? 'key.reset' : 'key.create';
    const credentials = generate();
    const at = now().toISOString();
    const binding = { accountId: actor.accountId, regionId: target.id, accessKeyId: credentials.accessKeyId };
    const previous = old && { accessKeyId: old.accessKeyId, secretAccessKey: sealer.open(old.secret!, old) };
    const backend = backendFor(target);
    const secret: Secret = { region: target.id, ...credentials, createdAt: at };
    await runKeyChange(storage, faults, {
      intent: { ...binding, action, previousAccessKeyId: old?.accessKeyId ?? null, startedAt: at },
      registryOnly: target.backend.type === 'none',
      async apply() {
        if (!previous) {
          await backend.ensureUser(user);
          await backend.addKey(user, credentials);
          return;
        }
        // The new pair first, so that at no moment the account has no working pair. The user exists
        // (it holds the old pair); if the service lost it, addKey creates it again.
        await backend.addKey(user, credentials);
        await faults.hit('key.reset:after-add');
        await backend.removeKey(user, previous.accessKeyId);
      },
      async undo() {
        if (previous) await backend.addKey(user, previous);
        await backend.removeKey(user, credentials.accessKeyId);
      },
      commit: async () => {
        await beforeCommit(secret);
        await faults.hit(`${action}:answer-kept`);
        await slot.commit({
          retire: old && { accessKeyId: old.accessKeyId, at },
          pair: {
            ...binding,
            secret: sealer.seal(credentials.secretAccessKey, binding),
            state: 'current',
            createdAt: old?.createdAt ?? at,
            createdBy: old?.createdBy ?? actor.id,
            lastResetAt: old ? at : null,
            lastResetBy: old ? actor.id : null,
            retiredAt: null,
          },
          audit: auditRecord(
            {
              accountId: actor.accountId,
              actor: actor.id,
              action,
              region: target.id,
              accessKeyId: credentials.accessKeyId,
              outcome: 'success',
            },
            at,
          ),
        });
      },
    });
    return secret;
  }

  return {
    async listRegions(accountId: string): Promise<readonly Region[]> {
      return regionView(await storage.regionsOf(accountId));
    },

    async getKey(accountId: string, regionId: string): Promise<RegionKey> {
      // The same read as the region list (one query on PostgreSQL), names of the key's makers included.
      const found = (await storage.regionsOf(accountId)).find((r) => r.region.id === regionId);
      if (!found) throw regionNotFound(regionId);
      if (!found.key)
        throw new AppError(
          'key_not_found',
          `Region "${regionId}" has no key yet (NOT_CONFIGURED); create one with POST.`,
        );
      return { region: regionId, ...keyInfo(found.key, found.keyMakers) };
    },

    /** The key records of the account, current and retired (never a secret in clear). */
    keysOf: (accountId: string) => storage.keysOf(accountId),

    /**
     * Resolves once no change of the slot is under way, on this instance or another: a change holds
     * the slot until it has committed or rolled back (or its instance died, which ends its transaction).
     */
    async untilSlotFree(accountId: string, regionId: string): Promise<void> {
      await inSlot(accountId, regionId, async () => undefined);
    },

    create(actor: User, regionId: string, beforeCommit: BeforeCommit = NOTHING): Promise<Secret> {
      return guarded(actor, 'key.create', regionId, async () => {
        return inSlot(actor.accountId, regionId, async (slot) => {
          const { target, user } = await targetOf(slot, actor.accountId, regionId);
          if (!(await slot.serviceAvailable())) {
            throw new AppError(
              'service_unavailable',
              `Your account does not have the S3 service in region "${regionId}"; ask your account admin to enable it.`,
            );
          }
          if (await slot.currentKey()) {
            throw new AppError(
              'key_exists',
              `Region "${regionId}" already has a key pair. Keys cannot be created twice; reset it to get a new pair.`,
            );
          }
          return replacePair(actor, target, user, slot, null, beforeCommit);
        });
      });
    },

    reset(
      actor: User,
      regionId: string,
      replacedAccessKeyId: string,
      beforeCommit: BeforeCommit = NOTHING,
    ): Promise<Secret> {
      return guarded(actor, 'key.reset', regionId, async () => {
        return inSlot(actor.accountId, regionId, async (slot) => {
          const { target, user } = await targetOf(slot, actor.accountId, regionId);
          const old = await slot.currentKey();
          if (!old)
            throw new AppError(
              'key_not_found',
              `Region "${regionId}" has no key to reset (NOT_CONFIGURED); create one instead.`,
            );
          if (!(await slot.serviceAvailable())) {
            throw new AppError(
              'service_unavailable',
              `Your account no longer has the S3 service in region "${regionId}"; ask your account admin to enable it.`,
            );
          }
          if (old.accessKeyId !== replacedAccessKeyId) {
            throw new AppError(
              'stale_key',
              `Key ${replacedAccessKeyId} is no longer the current key of region "${regionId}": someone reset it meanwhile. Reload the key and try again.`,
            );
          }
          return replacePair(actor, target, user, slot, old, beforeCommit);
        });
      });
    },

    /**
     * Makes every S3 service hold exactly the registry's current pairs (see reconcile.ts), on one
     * companion at a time: while another one reconciles, this one skips.
     */
    async reconcile(): Promise<ReconcileReport> {
      const report = await storage.alone('reconcile', () =>
        reconcileRegions({ storage, sealer, backendFor, logger, now, inSlot }),
      );
      if (report) return report;
      logger.info('reconcile: another companion is reconciling this registry now; skipped');
      return { changes: [], failures: [], skipped: true };
    },

    /** Records an attempt refused before it reached the service (a role without key rights, say); never rejects. */
    recordRefusal(
      actor: User,
      action: AuditedAction,
      regionId: string | null,
      code: ErrorCode,
    ): Promise<void> {
      return recordAttempt(actor, action, regionId, 'refused', code);
    },
  };
}

/** A storage failure named by its code (ENOSPC, a PostgreSQL SQLSTATE) or class, never by its text, which may quote data. */
function failureName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown error';
}

function regionNotFound(regionId: string): AppError {
  return new AppError(
    'region_not_found',
    `There is no region "${regionId}". GET /api/v1/regions lists the regions.`,
  );
}

/** The API's view of an account's regions; the same storage list (see `regionsOf`) gives the same view. */
const regionView = memoByIdentity((regions: readonly AccountRegion[]): readonly Region[] =>
  regions.map(({ region: r, serviceAvailable, key, keyMakers }) => ({
    id: r.id,
    name: r.name,
    endpoint: r.endpoint,
    bucket: r.bucket ?? null,
    serviceAvailable,
    status: !serviceAvailable ? 'SERVICE_UNAVAILABLE' : key ? 'CONFIGURED' : 'NOT_CONFIGURED',
    key: key ? keyInfo(key, keyMakers) : null,
  })),
);

function keyInfo(key: KeyPair, { createdByName, lastResetByName }: KeyMakers): KeyInfo {
  return {
    accessKeyId: key.accessKeyId,
    createdAt: key.createdAt,
    createdBy: key.createdBy,
    lastResetAt: key.lastResetAt,
    lastResetBy: key.lastResetBy,
    ...(createdByName !== null && { createdByName }),
    ...(lastResetByName !== null && { lastResetByName }),
  };
}
