/**
 * On writes, refuses an `Origin` that is neither an extension nor an origin the operator listed: a web
 * page's cross-site request never changes anything. A write without `Origin` (curl, the SDKs) passes;
 * the bearer token is the real gate.
 * @module
 */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[A-Za-z0-9._-]+$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originGuard({ allowedOrigins = [] }: { allowedOrigins?: readonly string[] } = {}) {
  return createMiddleware(function originGuard(c, next) {
    // Reads pass without their Origin being looked up.
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !EXTENSION_ORIGIN.test(origin) && !allowedOrigins.includes(origin)) {
      throw new AppError(
        'origin_not_allowed',
        `Writes are only accepted from the S3 Keys extension, not from ${origin}; add trusted origins to "allowedOrigins" in the companion's config.`,
      );
    }
    return next();
  });
}
