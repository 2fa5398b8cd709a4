/**
 * `/api/v1/regions…`: the account's regions and their key pairs. Create and reset return the secret,
 * once; DELETE is refused, because keys are never deleted.
 * @module
 */
import { Hono } from 'hono';
import { CreateKeyRequest, KEY_MANAGER_ROLES, ResetKeyRequest } from '#shared/api';
import { AppError } from '../../app-error.ts';
import type { KeyService } from '../../keys/key-service.ts';
import type { AppEnv } from '../env.ts';
import { idempotency } from '../middleware/idempotency.ts';
import { requireRole } from '../middleware/require-role.ts';
import { parseRequest } from './validate.ts';

export const KEY_ROLE_MESSAGE =
  'Managing S3 keys needs the admin or member+ role; ask an admin of your account.';

const ACTIONS: Record<string, string> = { POST: 'key.create', DELETE: 'key.delete' };

export function regionRoutes(keys: KeyService) {
  const replay = idempotency();
  return new Hono<AppEnv>()
    .use(
      requireRole({
        roles: KEY_MANAGER_ROLES,
        message: KEY_ROLE_MESSAGE,
        async onRefused(c) {
          if (c.req.method === 'GET') return;
          const action = c.req.path.endsWith('/reset')
            ? 'key.reset'
            : (ACTIONS[c.req.method] ?? c.req.method);
          await keys.recordRefusal(
            c.var.user,
            action,
            /\/regions\/([^/]+)\/key/.exec(c.req.path)?.[1] ?? null,
            'forbidden',
          );
        },
      }),
    )
    .get('/', (c) => c.json({ regions: keys.listRegions(c.var.user.accountId) }))
    .get('/:region/key', (c) => c.json(keys.getKey(c.var.user.accountId, c.req.param('region'))))
    .post('/:region/key', replay, async (c) => {
      parseRequest(CreateKeyRequest, c.var.body, 'create request body');
      return c.json(await keys.create(c.var.user, c.req.param('region')), 201);
    })
    .post('/:region/key/reset', replay, async (c) => {
      const { accessKeyId } = parseRequest(ResetKeyRequest, c.var.body, 'reset request body');
      return c.json(await keys.reset(c.var.user, c.req.param('region'), accessKeyId));
    })
    .delete('/:region/key', () => {
      throw new AppError(
        'delete_not_supported',
        'S3 keys cannot be deleted. To replace a compromised pair, reset it: the old pair stops working at once.',
        {
          headers: { Allow: 'GET, POST' },
        },
      );
    });
}
