/** `GET /healthz`: liveness, no authentication. */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { documented } from '../openapi/route-docs.ts';

const Health = z.object({ status: z.literal('ok') });

export const healthRoutes = new Hono().get(
  '/healthz',
  documented({
    summary: 'Liveness',
    description:
      'Answers while the companion runs. Clients use it to tell an S3 Keys companion from another server.',
    tag: 'health',
    access: 'public',
    ok: { status: 200, description: 'The companion runs.', schema: Health, example: { status: 'ok' } },
  }),
  (c) => c.json({ status: 'ok' as const }),
);
