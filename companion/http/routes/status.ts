/** `GET /api/v1/status`: quick per-region checks, for admin and member+. */
import { Hono } from 'hono';
import type { StatusService } from '../../keys/status-service.ts';
import { KEY_MANAGER_ROLES } from '#shared/api';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware/require-role.ts';
import { KEY_ROLE_MESSAGE } from './regions.ts';

export function statusRoutes(status: StatusService) {
  return new Hono<AppEnv>()
    .use(requireRole({ roles: KEY_MANAGER_ROLES, message: KEY_ROLE_MESSAGE }))
    .get('/', async (c) => c.json({ regions: await status.check(c.var.user.accountId) }));
}
