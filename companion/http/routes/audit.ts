/** `GET /api/v1/audit?limit=N`: the account's audit events, newest first, admin only. */
import { Hono } from 'hono';
import * as z from 'zod';
import type { AuditEvent } from '#shared/api';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware/require-role.ts';
import { parseRequest } from './validate.ts';

const AuditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export function auditRoutes(storage: RegistryStorage) {
  return new Hono<AppEnv>()
    .use(requireRole({ roles: ['admin'], message: 'The audit log is for account admins only.' }))
    .get('/', async (c) => {
      const { limit } = parseRequest(AuditQuery, c.req.query(), 'query');
      const page = await storage.auditPage(c.var.user.accountId, { limit });
      const events: AuditEvent[] = page.map(({ accountId: _, ...event }) => event);
      return c.json({ events });
    });
}
