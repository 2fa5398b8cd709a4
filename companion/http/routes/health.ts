/** `GET /healthz`: liveness, no authentication. */
import { Hono } from 'hono';

export const healthRoutes = new Hono().get('/healthz', (c) => c.json({ status: 'ok' as const }));
