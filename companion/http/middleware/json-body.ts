/**
 * Writes are JSON only: any other `Content-Type` gets 415 (so a cross-site form or text/plain post is
 * refused), and a body that does not parse gets 400. The parsed body is handed on as `body`.
 * @module
 */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';
import type { AppEnv } from '../env.ts';

/** The writes whose bodies this judges: mount it on these (a DELETE's body is never read). */
export const JSON_WRITE_METHODS = ['POST', 'PUT', 'PATCH'];

export function jsonBody() {
  return createMiddleware<AppEnv>(async function jsonBody(c, next) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new AppError(
        'unsupported_media_type',
        `Send the body as JSON with "Content-Type: application/json" (got ${type ? `"${type}"` : 'none'}).`,
      );
    }
    const text = await c.req.text();
    try {
      c.set('body', JSON.parse(text));
    } catch {
      throw new AppError(
        'invalid_json',
        'The request body is not valid JSON; send {} when there is nothing to say.',
      );
    }
    await next();
  });
}
