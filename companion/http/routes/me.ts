/** `GET /api/v1/me`: who the token belongs to, for every role. */
import { Hono } from 'hono';
import { KEY_MANAGER_ROLES, type Me } from '#shared/api';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import type { AppEnv } from '../env.ts';

export function meRoutes(storage: RegistryStorage) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { user } = c.var;
    const account = (await storage.account(user.accountId))!;
    const me: Me = {
      user: { id: user.id, name: user.name, email: user.email, role: user.role },
      account: { id: account.id, name: account.name },
      canManageKeys: KEY_MANAGER_ROLES.includes(user.role),
    };
    return c.json(me);
  });
}
