/**
 * `Authorization: Bearer <token>` on every API route. A client that keeps failing is told to wait
 * (429 with `Retry-After`) before its tokens are even looked at, so guessing tokens does not pay.
 * @module
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';
import { findTokenUser } from '../../auth/tokens.ts';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import { clientAddress as addressOf } from '../client-address.ts';
import type { AppEnv } from '../env.ts';

export interface FailureLimit {
  /** Failed authentications allowed per client within the window. Default 20. */
  maxFailures: number;
  /** Default 60. */
  windowSeconds: number;
}

export function bearerAuth({
  storage,
  limit = { maxFailures: 20, windowSeconds: 60 },
  trustedProxies = [],
}: {
  storage: RegistryStorage;
  limit?: FailureLimit;
  /** Peers whose `X-Forwarded-For` names the client (reverse proxies). */
  trustedProxies?: readonly string[];
}) {
  const failures = new Map<string, number[]>();

  const recentFailures = (client: string, now: number) => {
    const since = now - limit.windowSeconds * 1000;
    const times = (failures.get(client) ?? []).filter((t) => t > since);
    if (times.length > 0) failures.set(client, times);
    else failures.delete(client);
    return times;
  };

  return createMiddleware<AppEnv>(async function bearerAuth(c, next) {
    const client = clientAddress(c, trustedProxies);
    const now = Date.now();
    const recent = recentFailures(client, now);
    if (recent.length >= limit.maxFailures) {
      const retryAfter = Math.max(1, Math.ceil((recent[0]! + limit.windowSeconds * 1000 - now) / 1000));
      throw new AppError(
        'too_many_requests',
        `Too many failed sign-ins from this client; wait ${retryAfter} s, then use a valid token.`,
        {
          headers: { 'Retry-After': String(retryAfter) },
        },
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const user = match ? await findTokenUser(storage, match[1]!) : null;
    if (!user) {
      failures.set(client, [...recent, now]);
      throw new AppError(
        'unauthorized',
        match
          ? 'The access token is unknown or was revoked; issue a new one with "s3keys-companion token issue".'
          : 'Send a personal access token as "Authorization: Bearer <token>".',
        { headers: { 'WWW-Authenticate': 'Bearer realm="s3keys"' } },
      );
    }
    c.set('user', user);
    await next();
  });
}

/** The client behind the socket (see client-address.ts); in-process requests (tests) count as one local client. */
function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress;
  return peer ? addressOf(peer, c.req.header('x-forwarded-for'), trustedProxies) : 'in-process';
}
