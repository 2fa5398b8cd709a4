/** `GET /api/v1/changes`: the change version of the account's pairs, for admin and member+. */
import { Hono } from 'hono';
import { KEY_MANAGER_ROLES, KeyChanges } from '#shared/api';
import { keyChangeVersion } from '../../keys/key-changes.ts';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware/require-role.ts';
import { KEY_CHANGES_EXAMPLE } from '../openapi/examples.ts';
import { documented } from '../openapi/route-docs.ts';
import { KEY_ROLE_MESSAGE } from './regions.ts';

export function changesRoutes(storage: RegistryStorage) {
  return new Hono<AppEnv>().use(requireRole({ roles: KEY_MANAGER_ROLES, message: KEY_ROLE_MESSAGE })).get(
    '/',
    documented({
      summary: 'Change version of the keys',
      description:
        "A short fingerprint of the account's current pairs that changes whenever one is created or reset. A " +
        'browser polls it and reads `GET /api/v1/regions` only when it moved. It names no key and holds no secret.',
      tag: 'keys',
      access: KEY_MANAGER_ROLES,
      ok: {
        status: 200,
        description: 'The current version.',
        schema: KeyChanges,
        example: KEY_CHANGES_EXAMPLE,
      },
    }),
    async (c) => c.json({ version: keyChangeVersion(await storage.regionsOf(c.get('user').accountId)) }),
  );
}
