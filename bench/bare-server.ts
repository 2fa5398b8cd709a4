/**
 * The read benchmark's baseline: a bare @hono/node-server app that answers GET /api/v1/regions with the
 * JSON in the file given as its argument (what the companion answered), nothing else. Prints
 * "listening on URL" like the companion.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const app = new Hono().get('/api/v1/regions', (c) => c.json(body));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, ({ port }) =>
  console.log(`listening on http://127.0.0.1:${port}`),
);
