/** `GET /api/v1/openapi.json`: the API's own OpenAPI 3.1 document; no authentication, it holds no secret. */
import { type Env, Hono, type Schema } from 'hono';
import * as z from 'zod/mini';
import { createOpenApiDocument } from '../openapi/document.ts';
import { documented } from '../openapi/route-docs.ts';

const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({}),
  paths: z.looseObject({}),
});

/** `app` is the whole companion app; its document is generated on the first request, then kept. */
export function openApiRoutes<E extends Env, S extends Schema, P extends string>(app: () => Hono<E, S, P>) {
  let document: ReturnType<typeof createOpenApiDocument> | undefined;
  return new Hono().get(
    '/openapi.json',
    documented({
      summary: 'This document',
      description: 'The OpenAPI 3.1 document of this API, generated from the routes the companion serves.',
      tag: 'reference',
      access: 'public',
      ok: {
        status: 200,
        description: 'The OpenAPI document.',
        schema: OpenApiDocument,
        example: { openapi: '3.1.0', info: { title: 'S3 Keys companion API', version: '1' }, paths: {} },
      },
    }),
    async (c) => c.json(await (document ??= createOpenApiDocument(app()))),
  );
}
