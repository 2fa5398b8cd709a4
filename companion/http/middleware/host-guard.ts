/**
 * Refuses any `Host` but the loopback names with our port or a host the operator listed: a
 * DNS-rebinding page sends its own host name, so it never gets through.
 * @module
 */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';

export interface HostGuardOptions {
  /** The port the companion listens on (read per request: it may be chosen by the OS). */
  port: () => number;
  /** Extra host names (with or without a port) the operator allows. */
  allowedHosts?: readonly string[];
}

export function hostGuard({ port, allowedHosts = [] }: HostGuardOptions) {
  return createMiddleware(async function hostGuard(c, next) {
    const host = (c.req.header('host') ?? '').toLowerCase();
    const p = port();
    const loopback = [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`];
    const listed = allowedHosts.some((h) => host === h.toLowerCase() || host === `${h.toLowerCase()}:${p}`);
    if (!loopback.includes(host) && !listed) {
      throw new AppError(
        'host_not_allowed',
        `This companion only answers requests addressed to 127.0.0.1:${p} or localhost:${p}; add other host names to "allowedHosts" in its config.`,
      );
    }
    await next();
  });
}
