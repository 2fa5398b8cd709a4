/** `GET /api/v1/status`: quick per-region checks, for admin and member+. */
import { Hono } from 'hono';
import { KEY_MANAGER_ROLES, StatusReport } from '#shared/api';
import type { StatusService } from '../../keys/status-service.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware/require-role.ts';
import { STATUS_EXAMPLE } from '../openapi/examples.ts';
import { documented } from '../openapi/route-docs.ts';
import { KEY_ROLE_MESSAGE } from './regions.ts';

export function statusRoutes(status: StatusService) {
  return new Hono<AppEnv>().use(requireRole({ roles: KEY_MANAGER_ROLES, message: KEY_ROLE_MESSAGE })).get(
    '/',
    documented({
      summary: 'Quick checks per region',
      description:
        "Whether each region's endpoint answers, how fast, and whether the current key passes a real signed " +
        'S3 request (`keyVerified`, null when there is no key or it could not be tried). The whole call answers ' +
        'within 3 s even when endpoints hang; a region that did not answer in time is `endpointReachable: false`.',
      tag: 'keys',
      access: KEY_MANAGER_ROLES,
      ok: {
        status: 200,
        description: 'One check per region.',
        schema: StatusReport,
        example: STATUS_EXAMPLE,
      },
    }),
    async (c) => c.json({ regions: await status.check(c.get('user').accountId) }),
  );
}
