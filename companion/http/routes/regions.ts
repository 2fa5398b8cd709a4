/**
 * `/api/v1/regions…`: the account's regions and their key pairs. Create and reset return the secret,
 * once; DELETE is refused, because keys are never deleted.
 * @module
 */
import { Hono } from 'hono';
import { CreateKeyRequest, KEY_MANAGER_ROLES, ResetKeyRequest } from '#shared/api';
import { AppError } from '../../app-error.ts';
import type { KeyAction, KeyService } from '../../keys/key-service.ts';
import type { IdempotencyStore } from '../../storage/registry-storage.ts';
import type { Sealer } from '../../storage/seal.ts';
import type { AppEnv } from '../env.ts';
import { idempotency } from '../middleware/idempotency.ts';
import { requireRole } from '../middleware/require-role.ts';
import { parseRequest } from './validate.ts';

export const KEY_ROLE_MESSAGE =
  'Managing S3 keys needs the admin or member+ role; ask an admin of your account.';

export function regionRoutes(
  keys: KeyService,
  { answers, sealer }: { answers: IdempotencyStore; sealer: Sealer },
) {
  const replay = idempotency({ store: answers, sealer });
  /** Key managers only; a refused write is audited as `action`. */
  const keyManagers = (action?: KeyAction) =>
    requireRole({
      roles: KEY_MANAGER_ROLES,
      message: KEY_ROLE_MESSAGE,
      onRefused:
        action && ((c) => keys.recordRefusal(c.var.user, action, c.req.param('region') ?? null, 'forbidden')),
    });
  return new Hono<AppEnv>()
    .get('/', keyManagers(), async (c) => c.json({ regions: await keys.listRegions(c.var.user.accountId) }))
    .get('/:region/key', keyManagers(), async (c) =>
      c.json(await keys.getKey(c.var.user.accountId, c.req.param('region'))),
    )
    .post('/:region/key', keyManagers('key.create'), replay, async (c) => {
      parseRequest(CreateKeyRequest, c.var.body, 'create request body');
      return c.json(await keys.create(c.var.user, c.req.param('region')), 201);
    })
    .post('/:region/key/reset', keyManagers('key.reset'), replay, async (c) => {
      const { accessKeyId } = parseRequest(ResetKeyRequest, c.var.body, 'reset request body');
      return c.json(await keys.reset(c.var.user, c.req.param('region'), accessKeyId));
    })
    .delete('/:region/key', keyManagers('key.delete'), () => {
      throw new AppError(
        'delete_not_supported',
        'S3 keys cannot be deleted. To replace a compromised pair, reset it: the old pair stops working at once.',
        {
          headers: { Allow: 'GET, POST' },
        },
      );
    });
}
