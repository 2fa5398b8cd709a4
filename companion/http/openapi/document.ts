/**
 * The companion's OpenAPI 3.1 document, generated from the app's own routes (their `documented()`
 * descriptions and request schemas), so it cannot drift from what the code serves.
 * @module
 */
import type { Env, Hono, Schema } from 'hono';
import { generateSpecs } from 'hono-openapi';
import type { OpenAPIV3_1 } from 'openapi-types';
import { IDEMPOTENCY_KEY_HEADER } from '#shared/api';
import { MAX_BODY_BYTES } from '../middleware/body-limit.ts';
import { errorResponse } from './route-docs.ts';

/** The contract version the document describes; clients outside the project test against it. */
export const API_VERSION = '1';

const DESCRIPTION = `The HTTP API of an S3 Keys companion: the people of a cloud account create, read and reset their
per-region S3 key pairs. One pair per account and region; a create or reset returns the secret once; a reset
replaces the pair and the old one stops working immediately; keys are never deleted.

- JSON in and out (UTF-8); times are ISO 8601 UTC strings.
- Every error body is \`{"error": {"code": "<snake_case>", "message": "<a sentence a person can act on>"}}\`.
- Every \`/api/\` route but this document needs \`Authorization: Bearer <token>\`, a personal access token of one user
  (issued by the companion's CLI). Repeated failures from one client get 429 \`too_many_requests\` with \`Retry-After\`.
- Roles: \`admin\`, \`member+\`, \`member\`. Another account's data is never visible.

Request hygiene, on every route, before authentication:

| condition | answer |
| --- | --- |
| \`Host\` is not \`127.0.0.1:PORT\`, \`localhost:PORT\`, \`[::1]:PORT\` or a host name the operator listed | 403 \`host_not_allowed\` |
| a POST whose \`Origin\` is present and is not an extension origin or an origin the operator listed | 403 \`origin_not_allowed\` |
| a POST whose \`Content-Type\` is not \`application/json\` | 415 \`unsupported_media_type\` |
| a body over ${MAX_BODY_BYTES / 1024} KiB | 413 \`payload_too_large\` |
| a body that is not valid JSON | 400 \`invalid_json\` |
| JSON of the wrong shape (unknown or missing fields, wrong types) | 400 \`invalid_request\` |
| an unknown path | 404 \`not_found\` |
| a known path with a method it does not serve | 405 \`method_not_allowed\`, with an \`Allow\` header |
| an exception inside the companion | 500 \`internal_error\`, with no stack, secret or token in the body |

Idempotency: both POSTs accept an \`${IDEMPOTENCY_KEY_HEADER}\` header. The same user sending the same key with the
same path and body within 10 minutes gets the first response again (header \`Idempotent-Replayed: true\`) and nothing
happens twice; the same key with another path or body is 422 \`idempotency_key_reused\`; while the first request
runs, 409 \`idempotency_key_in_flight\`.`;

/** Generates the document for `app` (every route it serves that carries a description). */
export async function createOpenApiDocument<E extends Env, S extends Schema, P extends string>(
  app: Hono<E, S, P>,
): Promise<OpenAPIV3_1.Document> {
  const document = await generateSpecs(app, {
    // This document is served as /api/v1/openapi.json, which is not a static file to leave out.
    excludeStaticFile: false,
    documentation: {
      openapi: '3.1.0',
      info: { title: 'S3 Keys companion API', version: API_VERSION, description: DESCRIPTION },
      tags: [
        { name: 'health', description: 'Is this an S3 Keys companion, and is it up.' },
        { name: 'account', description: 'Who the token belongs to.' },
        { name: 'keys', description: 'Regions and their key pairs.' },
        { name: 'audit', description: 'What happened to the keys.' },
        { name: 'vault', description: "The user's synced vault of remembered pairs: ciphertext only." },
        { name: 'reference', description: 'This document.' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A personal access token, `s3k_<id>_<secret>`, issued once by `s3keys-companion token issue`.',
          },
        },
        // Answers to requests that match no documented operation.
        responses: {
          NotFound: errorResponse(['not_found']),
          MethodNotAllowed: errorResponse(['method_not_allowed'], {
            method_not_allowed: {
              Allow: {
                description: 'The methods the path serves, e.g. `GET, HEAD`.',
                schema: { type: 'string' },
              },
            },
          }),
        },
      },
    },
  });
  return document as OpenAPIV3_1.Document;
}
