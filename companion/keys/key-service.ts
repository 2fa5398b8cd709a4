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
import type { Data, KeyPair, User } from '../storage/data.ts';
import type { Sealer } from '../storage/seal.ts';
import type { IntentJournal } from '../storage/intent-journal.ts';
import type { Store } from '../storage/store.ts';
import { appendAudit } from './audit.ts';
import { generateCredentials, type Credentials } from './credentials.ts';
import { NO_FAULTS, type FaultPoints } from './fault-points.ts';
import { createKeyedMutex } from './keyed-mutex.ts';
import { runKeyChange } from './provisioning.ts';
import { reconcileRegions } from './reconcile.ts';
import type { Logger } from '../logger.ts';

export interface KeyServiceOptions {
  store: Store;
  journal: IntentJournal;
  sealer: Sealer;
  backendFor: BackendFor;
  logger: Logger;
  now?: () => Date;
  generate?: () => Credentials;
  faults?: FaultPoints;
}

export type KeyService = ReturnType<typeof createKeyService>;

export function createKeyService({
  store,
  journal,
  sealer,
  backendFor,
  logger,
  now = () => new Date(),
  generate = generateCredentials,
  faults = NO_FAULTS,
}: KeyServiceOptions) {
  const runExclusive = createKeyedMutex();

  const region = (regionId: string) => {
    const found = store.data.regions.find((r) => r.id === regionId);
    if (!found)
      throw new AppError(
        'region_not_found',
        `There is no region "${regionId}". GET /api/v1/regions lists the regions.`,
      );
    return found;
  };
  const isAvailable = (data: Data, accountId: string, regionId: string) =>
    data.services.some((s) => s.accountId === accountId && s.regionId === regionId && s.available);
  const currentKey = (data: Data, accountId: string, regionId: string) =>
    data.keys.find((k) => k.accountId === accountId && k.regionId === regionId && k.state === 'current');
  const backendUser = (accountId: string): BackendUser => ({
    accountId,
    accountName: store.data.accounts.find((a) => a.id === accountId)?.name ?? accountId,
  });
  const slot = (accountId: string, regionId: string) => `${accountId}\0${regionId}`;

  /** Runs a key operation under its (account, region) lock, auditing refusals and failures. */
  async function guarded(
    actor: User,
    action: string,
    regionId: string,
    work: () => Promise<Secret>,
  ): Promise<Secret> {
    try {
      return await runExclusive(slot(actor.accountId, regionId), work);
    } catch (error) {
      const code: ErrorCode = error instanceof AppError ? error.code : 'internal_error';
      const outcome = code === 'backend_unavailable' || code === 'internal_error' ? 'failed' : 'refused';
      await recordAttempt(actor, action, regionId, outcome, code).catch(() => undefined);
      throw error;
    }
  }

  function recordAttempt(
    actor: User,
    action: string,
    regionId: string | null,
    outcome: 'refused' | 'failed',
    code: ErrorCode,
  ) {
    return store.update((draft) =>
      appendAudit(
        draft,
        { accountId: actor.accountId, actor: actor.id, action, region: regionId, outcome, code },
        now().toISOString(),
      ),
    );
  }

  return {
    listRegions(accountId: string): Region[] {
      const data = store.data;
      return data.regions.map((r) => {
        const serviceAvailable = isAvailable(data, accountId, r.id);
        const key = currentKey(data, accountId, r.id);
        return {
          id: r.id,
          name: r.name,
          endpoint: r.endpoint,
          bucket: r.bucket ?? null,
          serviceAvailable,
          status: !serviceAvailable ? 'SERVICE_UNAVAILABLE' : key ? 'CONFIGURED' : 'NOT_CONFIGURED',
          key: key ? keyInfo(key) : null,
        };
      });
    },

    getKey(accountId: string, regionId: string): RegionKey {
      region(regionId);
      const key = currentKey(store.data, accountId, regionId);
      if (!key)
        throw new AppError(
          'key_not_found',
          `Region "${regionId}" has no key yet (NOT_CONFIGURED); create one with POST.`,
        );
      return { region: regionId, ...keyInfo(key) };
    },

    create(actor: User, regionId: string): Promise<Secret> {
      return guarded(actor, 'key.create', regionId, async () => {
        const target = region(regionId);
        if (!isAvailable(store.data, actor.accountId, regionId)) {
          throw new AppError(
            'service_unavailable',
            `Your account does not have the S3 service in region "${regionId}"; ask your account admin to enable it.`,
          );
        }
        if (currentKey(store.data, actor.accountId, regionId)) {
          throw new AppError(
            'key_exists',
            `Region "${regionId}" already has a key pair. Keys cannot be created twice; reset it to get a new pair.`,
          );
        }
        const credentials = generate();
        const at = now().toISOString();
        const binding = { accountId: actor.accountId, regionId, accessKeyId: credentials.accessKeyId };
        const backend = backendFor(target);
        const user = backendUser(actor.accountId);
        await runKeyChange(store, journal, faults, {
          intent: { ...binding, action: 'key.create', previousAccessKeyId: null, startedAt: at },
          async apply() {
            await backend.ensureUser(user);
            await backend.addKey(user, credentials);
          },
          undo: () => backend.removeKey(user, credentials.accessKeyId),
          commit(draft) {
            draft.keys.push({
              ...binding,
              secret: sealer.seal(credentials.secretAccessKey, binding),
              state: 'current',
              createdAt: at,
              createdBy: actor.id,
              lastResetAt: null,
              lastResetBy: null,
              retiredAt: null,
            });
            appendAudit(
              draft,
              {
                accountId: actor.accountId,
                actor: actor.id,
                action: 'key.create',
                region: regionId,
                accessKeyId: credentials.accessKeyId,
                outcome: 'success',
              },
              at,
            );
          },
        });
        return {
          region: regionId,
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          createdAt: at,
        };
      });
    },

    reset(actor: User, regionId: string, replacedAccessKeyId: string): Promise<Secret> {
      return guarded(actor, 'key.reset', regionId, async () => {
        const target = region(regionId);
        const old = currentKey(store.data, actor.accountId, regionId);
        if (!old)
          throw new AppError(
            'key_not_found',
            `Region "${regionId}" has no key to reset (NOT_CONFIGURED); create one instead.`,
          );
        if (!isAvailable(store.data, actor.accountId, regionId)) {
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
        const credentials = generate();
        const at = now().toISOString();
        const binding = { accountId: actor.accountId, regionId, accessKeyId: credentials.accessKeyId };
        const previous = { accessKeyId: old.accessKeyId, secretAccessKey: sealer.open(old.secret!, old) };
        const backend = backendFor(target);
        const user = backendUser(actor.accountId);
        await runKeyChange(store, journal, faults, {
          intent: { ...binding, action: 'key.reset', previousAccessKeyId: old.accessKeyId, startedAt: at },
          async apply() {
            // The new pair first, so that at no moment the account has no working pair. The user exists
            // (it holds the old pair); if the service lost it, addKey creates it again.
            await backend.addKey(user, credentials);
            await faults.hit('key.reset:after-add');
            await backend.removeKey(user, previous.accessKeyId);
          },
          async undo() {
            await backend.addKey(user, previous);
            await backend.removeKey(user, credentials.accessKeyId);
          },
          commit(draft) {
            const retiring = currentKey(draft, actor.accountId, regionId)!;
            Object.assign(retiring, { state: 'retired', secret: null, retiredAt: at });
            draft.keys.push({
              ...binding,
              secret: sealer.seal(credentials.secretAccessKey, binding),
              state: 'current',
              createdAt: old.createdAt,
              createdBy: old.createdBy,
              lastResetAt: at,
              lastResetBy: actor.id,
              retiredAt: null,
            });
            appendAudit(
              draft,
              {
                accountId: actor.accountId,
                actor: actor.id,
                action: 'key.reset',
                region: regionId,
                accessKeyId: credentials.accessKeyId,
                outcome: 'success',
              },
              at,
            );
          },
        });
        return {
          region: regionId,
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          createdAt: at,
        };
      });
    },

    /** Makes every S3 service hold exactly the registry's current pairs; see reconcile.ts. */
    reconcile() {
      return reconcileRegions({
        store,
        journal,
        sealer,
        backendFor,
        logger,
        now,
        runExclusive: (accountId, regionId, work) => runExclusive(slot(accountId, regionId), work),
      });
    },

    /** Records an attempt refused before it reached the service (a role without key rights, say). */
    recordRefusal(actor: User, action: string, regionId: string | null, code: ErrorCode): Promise<void> {
      return recordAttempt(actor, action, regionId, 'refused', code);
    },
  };
}

function keyInfo(key: KeyPair): KeyInfo {
  return {
    accessKeyId: key.accessKeyId,
    createdAt: key.createdAt,
    createdBy: key.createdBy,
    lastResetAt: key.lastResetAt,
    lastResetBy: key.lastResetBy,
  };
}
