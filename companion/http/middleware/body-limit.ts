/**
 * Refuses bodies over 16 KiB, by `Content-Length` or by what actually arrives; a path given its own
 * limit (the synced vault) is refused with its own error past that limit instead.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';

export const MAX_BODY_BYTES = 16 * 1024;

/** A path whose bodies may be larger, and the error past its limit. */
export interface LargerBody {
  path: string;
  maxBytes: number;
  refuse: () => AppError;
}

export function bodyLimit(larger: readonly LargerBody[] = []) {
  const standard = limit(
    MAX_BODY_BYTES,
    () =>
      new AppError(
        'payload_too_large',
        'The request body is over 16 KiB; the API never needs more than a few bytes.',
      ),
  );
  const special = new Map(larger.map((l) => [l.path, limit(l.maxBytes, l.refuse)]));
  // Mounted on the methods that may carry a body only: looking for the body of a GET would build a full
  // fetch Request (the adapter's fast path avoids that), which cost most of a read's time.
  return createMiddleware(function bodyLimit(c, next) {
    const path = c.req.path.replace(/\/+$/, '');
    return (special.get(path) ?? standard)(c, next);
  });
}

function limit(maxSize: number, refuse: () => AppError): MiddlewareHandler {
  const counting = honoBodyLimit({
    maxSize,
    onError() {
      throw refuse();
    },
  });
  // A body with a length (every client here sends one) is judged by it, and Node's parser never reads
  // past it. Hono's middleware would open the body as a web stream for that, which makes the adapter
  // build a full fetch Request: that alone cost a third of a key change's time in the companion.
  // A chunked body, whose size is known only as it arrives, is counted by Hono's middleware.
  return async function bodyLimit(c, next) {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    if (Number(length) > maxSize) throw refuse();
    await next();
  };
}
