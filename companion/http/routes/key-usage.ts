/** `GET /api/v1/regions/{region}/key/usage`: when the current pair was last used, for admin and member+. */
import { Hono } from 'hono';
import { KEY_MANAGER_ROLES, KeyUsage } from '#shared/api';
import type { StatusService } from '../../keys/status-service.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware/require-role.ts';
import { KEY_USAGE_EXAMPLE } from '../openapi/examples.ts';
import { documented, REGION_PARAMETER } from '../openapi/route-docs.ts';
import { KEY_ROLE_MESSAGE } from './regions.ts';

export function keyUsageRoutes(status: StatusService) {
  return new Hono<AppEnv>().get(
    '/:region/key/usage',
    documented({
      summary: "When the region's pair was last used",
      description:
        "From the S3 service's own usage log (Ceph RGW: `GET /admin/usage`), which counts requests in one-hour " +
        'buckets: `lastUsedHour` is the start of the newest hour with a request since the current pair was made, ' +
        "not counting the companion's own key check. `known: false` (`lastUsedHour` null), with the reason in " +
        '`detail`, when the service cannot tell: a registry-only region, no use recorded (unused, or the log ' +
        'is off: the gateway cannot tell these apart), or a log that cannot be read.',
      tag: 'keys',
      access: KEY_MANAGER_ROLES,
      parameters: [REGION_PARAMETER],
      ok: { status: 200, description: 'The last use.', schema: KeyUsage, example: KEY_USAGE_EXAMPLE },
      errors: ['region_not_found', 'key_not_found'],
    }),
    requireRole({ roles: KEY_MANAGER_ROLES, message: KEY_ROLE_MESSAGE }),
    async (c) => c.json(await status.lastUsed(c.get('user').accountId, c.req.param('region'))),
  );
}
