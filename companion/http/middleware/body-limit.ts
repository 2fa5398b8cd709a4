/** Refuses bodies over 16 KiB, by `Content-Length` or by what actually arrives. */
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';

export const MAX_BODY_BYTES = 16 * 1024;

export function bodyLimit() {
  const limit = honoBodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError() {
      throw new AppError(
        'payload_too_large',
        'The request body is over 16 KiB; the API never needs more than a few bytes.',
      );
    },
  });
  // No route reads the body of a GET or HEAD; looking for one would build a full fetch Request (the
  // adapter's fast path avoids that), which cost most of a read's time.
  return createMiddleware(async function bodyLimit(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limit(c, next);
  });
}
