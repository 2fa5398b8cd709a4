/** `GET /api/v1/me`: who the token belongs to, for every role. */
import { Hono } from 'hono';
import { KEY_MANAGER_ROLES, Me } from '#shared/api';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import type { AppEnv } from '../env.ts';
import { ME_EXAMPLE } from '../openapi/examples.ts';
import { documented } from '../openapi/route-docs.ts';

export function meRoutes(storage: RegistryStorage) {
  return new Hono<AppEnv>().get(
    '/',
    documented({
      summary: 'Who am I',
      description: 'The user the token belongs to, their account, and whether they may manage keys.',
      tag: 'account',
      access: 'any',
      ok: { status: 200, description: 'The signed-in user.', schema: Me, example: ME_EXAMPLE },
    }),
    async (c) => {
      const user = c.get('user');
      const account = (await storage.account(user.accountId))!;
      const me: Me = {
        user: { id: user.id, name: user.name, email: user.email, role: user.role },
        account: { id: account.id, name: account.name },
        canManageKeys: KEY_MANAGER_ROLES.includes(user.role),
      };
      return c.json(me);
    },
  );
}
