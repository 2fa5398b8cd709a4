/** `GET /api/v1/audit?limit=N`: the account's audit events, newest first, admin only. */
import { Hono } from 'hono';
import * as z from 'zod';
import { type AuditEvent, AuditLog } from '#shared/api';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware/require-role.ts';
import { AUDIT_EXAMPLE } from '../openapi/examples.ts';
import { documented } from '../openapi/route-docs.ts';
import { parseRequest } from './validate.ts';

const AuditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export function auditRoutes(storage: RegistryStorage) {
  return new Hono<AppEnv>()
    .use(requireRole({ roles: ['admin'], message: 'The audit log is for account admins only.' }))
    .get(
      '/',
      documented({
        summary: 'Audit log',
        description:
          "The account's key events, newest first: creates, resets, refused and failed attempts, and what " +
          'reconciliation changed. Never contains a secret or a token.',
        tag: 'audit',
        access: ['admin'],
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'How many events, 1–1000 (default 100).',
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        ],
        ok: { status: 200, description: 'The newest events.', schema: AuditLog, example: AUDIT_EXAMPLE },
        errors: ['invalid_request'],
      }),
      async (c) => {
        const { limit } = parseRequest(AuditQuery, c.req.query(), 'query');
        const page = await storage.auditPage(c.var.user.accountId, { limit });
        const events: AuditEvent[] = page.map(({ accountId: _, ...event }) => event);
        return c.json({ events });
      },
    );
}
