/**
 * Validates a write's JSON body with a contract schema: a mismatch is 400 `invalid_request` naming the
 * field. Being hono-openapi's validator, it also puts the schema into the OpenAPI document as the
 * request body, and types the body for the typed client.
 * @module
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { validator } from 'hono-openapi';
import type * as z from 'zod';
import { parseRequest } from '../routes/validate.ts';

export function jsonInput<S extends StandardSchemaV1 & z.core.$ZodType>(schema: S, what: string) {
  return validator('json', schema, (result) => {
    if (!result.success) parseRequest(schema, result.data, what);
  });
}
