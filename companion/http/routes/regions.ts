/**
 * `/api/v1/regions…`: the account's regions and their key pairs. Create and reset return the secret,
 * once; DELETE is refused, because keys are never deleted.
 * @module
 */
import { Hono, type Context } from 'hono';
import {
  CreateKeyRequest,
  KEY_MANAGER_ROLES,
  RegionKey,
  type Region,
  RegionList,
  ResetKeyRequest,
  Secret,
} from '#shared/api';
import { AppError } from '../../app-error.ts';
import type { KeyAction, KeyService } from '../../keys/key-service.ts';
import { memoByIdentity } from '../../memo-by-identity.ts';
import { jsonText } from '../json-text.ts';
import type { IdempotencyStore } from '../../storage/registry-storage.ts';
import type { Sealer } from '../../storage/seal.ts';
import type { AppEnv } from '../env.ts';
import { idempotency } from '../middleware/idempotency.ts';
import { jsonInput } from '../middleware/json-input.ts';
import { requireRole } from '../middleware/require-role.ts';
import { REGION_KEY_EXAMPLE, REGION_LIST_EXAMPLE, SECRET_EXAMPLE } from '../openapi/examples.ts';
import { documented, REGION_PARAMETER } from '../openapi/route-docs.ts';

export const KEY_ROLE_MESSAGE =
  'Managing S3 keys needs the admin or member+ role; ask an admin of your account.';

/** The list's JSON, written once per list (the key service hands the same list out until it changes). */
const regionListText = memoByIdentity((regions: readonly Region[]) => JSON.stringify({ regions }));

export function regionRoutes(
  keys: KeyService,
  { answers, sealer }: { answers: IdempotencyStore; sealer: Sealer },
) {
  const replay = idempotency({
    store: answers,
    sealer,
    isCommitted: async (accountId, accessKeyId) =>
      (await keys.keysOf(accountId)).some((k) => k.accessKeyId === accessKeyId),
    untilSlotFree: (c) => keys.untilSlotFree(c.get('user').accountId, c.req.param('region') ?? ''),
  });
  /** Keeps the answer for a retry before the commit (see idempotency.ts), when the request has a key. */
  const answerFirst = (c: Context<AppEnv>, status: number) => (secret: Secret) =>
    c.get('keepAnswerBeforeCommit')?.(status, secret, secret.accessKeyId) ?? Promise.resolve();
  /** Key managers only; a refused write is audited as `action`. */
  const keyManagers = (action?: KeyAction) =>
    requireRole({
      roles: KEY_MANAGER_ROLES,
      message: KEY_ROLE_MESSAGE,
      onRefused:
        action &&
        ((c) => keys.recordRefusal(c.get('user'), action, c.req.param('region') ?? null, 'forbidden')),
    });
  return new Hono<AppEnv>()
    .get(
      '/',
      documented({
        summary: "The account's regions",
        description:
          'Every region with its S3 status and current key (never a secret). A region where the account has no ' +
          'S3 service is `SERVICE_UNAVAILABLE`; before any key exists, every available region is `NOT_CONFIGURED`.',
        tag: 'keys',
        access: KEY_MANAGER_ROLES,
        ok: { status: 200, description: 'The regions.', schema: RegionList, example: REGION_LIST_EXAMPLE },
      }),
      keyManagers(),
      async (c) => {
        const regions = await keys.listRegions(c.get('user').accountId);
        return jsonText<{ regions: readonly Region[] }>(c, regionListText(regions));
      },
    )
    .get(
      '/:region/key',
      documented({
        summary: "A region's current key",
        description: 'The current key of the region, without its secret.',
        tag: 'keys',
        access: KEY_MANAGER_ROLES,
        parameters: [REGION_PARAMETER],
        ok: { status: 200, description: 'The current key.', schema: RegionKey, example: REGION_KEY_EXAMPLE },
        errors: ['region_not_found', 'key_not_found'],
      }),
      keyManagers(),
      async (c) => c.json(await keys.getKey(c.get('user').accountId, c.req.param('region'))),
    )
    .post(
      '/:region/key',
      documented({
        summary: 'Create the key pair',
        description:
          "Creates the account's key pair in the region (body `{}`). The pair works on the region's S3 service " +
          'before this answer is sent. The secret is in this answer only: no other answer, log or file holds it. ' +
          '502 `backend_unavailable`: the S3 service could not be reached or refused; nothing was recorded and ' +
          'nothing is left behind on it.',
        tag: 'keys',
        access: KEY_MANAGER_ROLES,
        write: { idempotent: true },
        parameters: [REGION_PARAMETER],
        ok: {
          status: 201,
          description: 'The new pair, with its secret (shown once).',
          schema: Secret,
          example: SECRET_EXAMPLE,
        },
        errors: ['region_not_found', 'key_exists', 'service_unavailable', 'backend_unavailable'],
      }),
      keyManagers('key.create'),
      replay,
      jsonInput(CreateKeyRequest, 'create request body'),
      async (c) => c.json(await keys.create(c.get('user'), c.req.param('region'), answerFirst(c, 201)), 201),
    )
    .post(
      '/:region/key/reset',
      documented({
        summary: 'Reset the key pair',
        description:
          'Replaces the pair named by `accessKeyId`: the previous pair stops working on the S3 service before ' +
          'this answer is sent, and the new one works. 409 `stale_key`: the body names a key that is no longer ' +
          'the current one (someone reset it meanwhile); nothing changed. 502 `backend_unavailable`: nothing ' +
          'changed; the previous pair still works.',
        tag: 'keys',
        access: KEY_MANAGER_ROLES,
        write: { idempotent: true },
        parameters: [REGION_PARAMETER],
        ok: {
          status: 200,
          description: 'The new pair, with its secret (shown once).',
          schema: Secret,
          example: SECRET_EXAMPLE,
        },
        errors: [
          'region_not_found',
          'key_not_found',
          'stale_key',
          'service_unavailable',
          'backend_unavailable',
        ],
      }),
      keyManagers('key.reset'),
      replay,
      jsonInput(ResetKeyRequest, 'reset request body'),
      async (c) =>
        c.json(
          await keys.reset(
            c.get('user'),
            c.req.param('region'),
            c.req.valid('json').accessKeyId,
            answerFirst(c, 200),
          ),
        ),
    )
    .delete(
      '/:region/key',
      documented({
        summary: 'Keys are never deleted',
        description:
          'Always refused: existing keys cannot be deleted; a reset replaces a compromised pair. Nothing changes.',
        tag: 'keys',
        access: KEY_MANAGER_ROLES,
        parameters: [REGION_PARAMETER],
        errors: ['delete_not_supported'],
        errorHeaders: {
          delete_not_supported: { Allow: { description: '`GET, POST`', schema: { type: 'string' } } },
        },
      }),
      keyManagers('key.delete'),
      () => {
        throw new AppError(
          'delete_not_supported',
          'S3 keys cannot be deleted. To replace a compromised pair, reset it: the old pair stops working at once.',
          { headers: { Allow: 'GET, POST' } },
        );
      },
    );
}
