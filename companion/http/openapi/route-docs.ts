/**
 * `documented()`: a route's OpenAPI description from a few facts — who may call it, what it answers,
 * which contract errors it can give — so every route lists every status and error code it can answer,
 * each with an example. The request hygiene errors follow from the kind of route (every route, API
 * route, write, idempotent write) and are added here, in one place.
 * @module
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { MiddlewareHandler } from 'hono';
import { describeRoute, resolver, uniqueSymbol } from 'hono-openapi';
import type { OpenAPIV3_1 } from 'openapi-types';
import {
  ErrorBody,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  type ErrorCode,
  type Role,
  STATUS_BY_ERROR_CODE,
} from '#shared/api';
import { ERROR_EXAMPLES } from './error-examples.ts';

/** Errors any route can answer. */
const ANY_ROUTE: readonly ErrorCode[] = ['host_not_allowed', 'internal_error'];
/** Errors of every route that needs a token. */
const AUTHENTICATED: readonly ErrorCode[] = ['unauthorized', 'too_many_requests'];
/** Errors of every write. */
const WRITE: readonly ErrorCode[] = [
  'origin_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_json',
  'invalid_request',
];
const IDEMPOTENT: readonly ErrorCode[] = ['idempotency_key_reused', 'idempotency_key_in_flight'];

export const REGION_PARAMETER: OpenAPIV3_1.ParameterObject = {
  name: 'region',
  in: 'path',
  required: true,
  description: 'The region id, as `GET /api/v1/regions` lists it.',
  schema: { type: 'string' },
  example: 'eu-central-1',
};

export interface RouteDoc {
  summary: string;
  description: string;
  tag: 'health' | 'account' | 'keys' | 'audit' | 'vault' | 'reference';
  /** `public`: no token; `any`: any signed-in user; or the roles allowed (others get 403 `forbidden`). */
  access: 'public' | 'any' | readonly Role[];
  /** The success answer; absent for a route that only refuses (DELETE of a key). */
  ok?: { status: 200 | 201; description: string; schema: StandardSchemaV1; example: unknown };
  /** A write; `idempotent` when it takes an `Idempotency-Key`. */
  write?: { idempotent: boolean };
  /** The route's own errors, besides those its kind implies. */
  errors?: readonly ErrorCode[];
  parameters?: OpenAPIV3_1.ParameterObject[];
  /** Extra headers of an error answer, by code (e.g. `Allow`). */
  errorHeaders?: Partial<Record<ErrorCode, Record<string, OpenAPIV3_1.HeaderObject>>>;
}

/**
 * A route's description, where hono-openapi looks for it when the document is generated: on a step of the
 * route that only passes the request on.
 */
export function documented(doc: RouteDoc): MiddlewareHandler {
  const codes = new Set<ErrorCode>(ANY_ROUTE);
  if (doc.access !== 'public') for (const code of AUTHENTICATED) codes.add(code);
  if (Array.isArray(doc.access)) codes.add('forbidden');
  if (doc.write) for (const code of WRITE) codes.add(code);
  if (doc.write?.idempotent) for (const code of IDEMPOTENT) codes.add(code);
  for (const code of doc.errors ?? []) codes.add(code);

  const responses: Record<string, OpenAPIV3_1.ResponseObject> = {};
  if (doc.ok) {
    responses[doc.ok.status] = {
      description: doc.ok.description,
      ...(doc.write?.idempotent && { headers: { [IDEMPOTENT_REPLAYED_HEADER]: REPLAYED_HEADER } }),
      content: { 'application/json': { schema: resolver(doc.ok.schema) as never, example: doc.ok.example } },
    };
  }
  for (const [status, group] of groupByStatus(codes)) {
    responses[status] = errorResponse(group, doc.errorHeaders);
  }

  const parameters = [...(doc.parameters ?? [])];
  if (doc.write?.idempotent) parameters.push(IDEMPOTENCY_PARAMETER);
  const described = describeRoute({
    summary: doc.summary,
    description: doc.description + accessSentence(doc.access),
    tags: [doc.tag],
    security: doc.access === 'public' ? [] : [{ bearerAuth: [] }],
    ...(parameters.length > 0 && { parameters }),
    responses,
  });
  // describeRoute's own step is async (it awaits next()), which costs every request a promise; a plain
  // one carrying the same description does not.
  return Object.assign(
    function describedRoute(_c: unknown, next: () => Promise<void>) {
      return next();
    },
    { [uniqueSymbol]: (described as unknown as Record<symbol, unknown>)[uniqueSymbol] },
  );
}

/** The contract's error body with one named example per code, as one response object. */
export function errorResponse(
  codes: readonly ErrorCode[],
  headers: RouteDoc['errorHeaders'] = {},
): OpenAPIV3_1.ResponseObject {
  const extraHeaders = Object.assign(
    {},
    ...codes.map((code) => headers[code] ?? DEFAULT_HEADERS[code] ?? {}),
  );
  return {
    description: codes.map((code) => `\`${code}\``).join(', '),
    ...(Object.keys(extraHeaders).length > 0 && { headers: extraHeaders }),
    content: {
      'application/json': {
        schema: resolver(ErrorBody) as never,
        examples: Object.fromEntries(
          codes.map((code) => [code, { value: { error: { code, message: ERROR_EXAMPLES[code] } } }]),
        ),
      },
    },
  };
}

/** Codes grouped by their HTTP status, statuses ascending. */
export function groupByStatus(codes: Iterable<ErrorCode>): [string, ErrorCode[]][] {
  const groups = new Map<string, ErrorCode[]>();
  for (const code of codes) {
    const status = String(STATUS_BY_ERROR_CODE[code]);
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return [...groups].sort(([a], [b]) => Number(a) - Number(b));
}

const REPLAYED_HEADER: OpenAPIV3_1.HeaderObject = {
  description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
  schema: { type: 'string', enum: ['true'] },
};

const IDEMPOTENCY_PARAMETER: OpenAPIV3_1.ParameterObject = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    '1–255 printable ASCII characters. The same user sending the same key with the same path and body ' +
    'within 10 minutes gets the first answer again and nothing happens twice.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
  example: '6f1c2b1e-1d7f-4a43-9a7e-0c2d3c9c4b11',
};

const DEFAULT_HEADERS: Partial<Record<ErrorCode, Record<string, OpenAPIV3_1.HeaderObject>>> = {
  too_many_requests: {
    'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
  },
  unauthorized: {
    'WWW-Authenticate': { description: '`Bearer realm="s3keys"`', schema: { type: 'string' } },
  },
};

function accessSentence(access: RouteDoc['access']): string {
  if (access === 'public') return '\n\nNo authentication.';
  if (access === 'any') return '\n\nAny signed-in user (`Authorization: Bearer <token>`).';
  return `\n\nRoles: ${access.join(', ')} (others get 403 \`forbidden\`).`;
}
