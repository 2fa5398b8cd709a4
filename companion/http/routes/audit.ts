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

const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  region: z.string().min(1).max(63).optional(),
});

export function auditRoutes(storage: RegistryStorage) {
  return new Hono<AppEnv>()
    .use(requireRole({ roles: ['admin'], message: 'The audit log is for account admins only.' }))
    .get(
      '/',
      documented({
        summary: 'Audit log',
        description:
          "The account's key events, newest first: creates, resets, refused and failed attempts, and what " +
          'reconciliation changed, a page at a time, of all regions or one. Never contains a secret or a token.',
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
          {
            name: 'offset',
            in: 'query',
            required: false,
            description:
              'How many of the newest events to skip (default 0); `nextOffset` of a page gives the next.',
            schema: { type: 'integer', minimum: 0, default: 0 },
          },
          {
            name: 'region',
            in: 'query',
            required: false,
            description: "Only this region's events.",
            schema: { type: 'string' },
          },
        ],
        ok: { status: 200, description: 'The newest events.', schema: AuditLog, example: AUDIT_EXAMPLE },
        errors: ['invalid_request'],
      }),
      async (c) => {
        const { limit, offset, region } = parseRequest(AuditQuery, c.req.query(), 'query');
        const { accountId } = c.get('user');
        // One more than asked tells whether an older page exists.
        const [page, users] = await Promise.all([
          storage.auditPage(accountId, { limit: limit + 1, offset, ...(region !== undefined && { region }) }),
          storage.listUsers(accountId),
        ]);
        const names = new Map(users.map((u) => [u.id, u.name]));
        const events: AuditEvent[] = page.slice(0, limit).map(({ accountId: _, ...event }) => {
          const actorName = event.actor === null ? undefined : names.get(event.actor);
          return actorName === undefined ? event : { ...event, actorName };
        });
        return c.json({ events, nextOffset: page.length > limit ? offset + limit : null });
      },
    );
}
