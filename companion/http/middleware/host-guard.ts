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
  // The accepted Host values, rebuilt only when the port changes (it is read per request).
  let accepted = { port: Number.NaN, hosts: new Set<string>() };
  const acceptedHosts = (p: number) => {
    if (accepted.port !== p) {
      const listed = allowedHosts.flatMap((h) => [h.toLowerCase(), `${h.toLowerCase()}:${p}`]);
      accepted = { port: p, hosts: new Set([`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`, ...listed]) };
    }
    return accepted.hosts;
  };
  return createMiddleware(function hostGuard(c, next) {
    const host = (c.req.header('host') ?? '').toLowerCase();
    const p = port();
    if (!acceptedHosts(p).has(host)) {
      throw new AppError(
        'host_not_allowed',
        `This companion only answers requests addressed to 127.0.0.1:${p} or localhost:${p}; add other host names to "allowedHosts" in its config.`,
      );
    }
    return next();
  });
}
