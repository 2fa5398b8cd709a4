/**
 * `Authorization: Bearer <token>` on every API route, with failed authentications limited so that
 * guessing does not pay and one client cannot lock out another. The counts live in the storage, so
 * every companion on it sees them.
 * - No token, or one not shaped like a token: counted per client address (all of loopback as one), and
 *   that limit is checked first (429 with `Retry-After`).
 * - A well-formed token is looked up; a valid one always works. A failing one is counted per token id
 *   and in a global cap, both checked before it is answered.
 * @module
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';
import { findTokenUser, tokenId } from '../../auth/tokens.ts';
import type { AuthFailureCounter, RegistryStorage } from '../../storage/registry-storage.ts';
import { clientAddress as addressOf, failureClient } from '../client-address.ts';
import type { AppEnv } from '../env.ts';

export interface FailureLimit {
  /** Failed authentications allowed per client address, or per token id, within the window. Default 20. */
  maxFailures: number;
  /** Default 60. */
  windowSeconds: number;
  /** Failures of well-formed tokens allowed in all within the window. Default 50 × maxFailures. */
  globalMaxFailures?: number;
}

const UNKNOWN_TOKEN =
  'The access token is unknown or was revoked; issue a new one with "s3keys-companion token issue".';
const NO_TOKEN = 'Send a personal access token as "Authorization: Bearer <token>".';

export function bearerAuth({
  storage,
  limit = { maxFailures: 20, windowSeconds: 60 },
  now = Date.now,
  trustedProxies = [],
}: {
  storage: RegistryStorage;
  limit?: FailureLimit;
  now?: () => number;
  /** Peers whose `X-Forwarded-For` names the client (reverse proxies). */
  trustedProxies?: readonly string[];
}) {
  const windowMs = limit.windowSeconds * 1000;
  const globalMax = limit.globalMaxFailures ?? limit.maxFailures * 50;
  const limits = (buckets: [string, number][]) => checkLimits(storage.authFailures, buckets, now(), windowMs);
  let prunedAt = now();
  const record = async (buckets: string[]) => {
    const t = now();
    await storage.authFailures.record(buckets, t);
    if (t - prunedAt < windowMs) return;
    prunedAt = t;
    await storage.authFailures.prune(t - windowMs);
  };

  /** Counts the failure against `buckets` (after checking their limits) and refuses with `message`. */
  const refuse = async (buckets: [string, number][], message: string): Promise<never> => {
    await limits(buckets);
    await record(buckets.map(([bucket]) => bucket));
    throw unauthorized(message);
  };

  // Not async: awaiting the lookup and next() in an async function would cost every request two more
  // promises; a refusal, rare, is async.
  return createMiddleware<AppEnv>(function bearerAuth(c, next) {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const id = presented === undefined ? null : tokenId(presented);
    if (id === null) {
      const address = `address:${failureClient(clientAddress(c, trustedProxies))}`;
      return refuse([[address, limit.maxFailures]], presented === undefined ? NO_TOKEN : UNKNOWN_TOKEN);
    }
    return findTokenUser(storage, presented!, id).then((user) => {
      if (!user)
        return refuse(
          [
            [`token:${id}`, limit.maxFailures],
            ['all-tokens', globalMax],
          ],
          UNKNOWN_TOKEN,
        );
      c.set('user', user);
      return next();
    });
  });
}

/** 429 with Retry-After when any bucket has reached its limit within the window. */
async function checkLimits(
  counter: AuthFailureCounter,
  buckets: [string, number][],
  t: number,
  windowMs: number,
) {
  for (const [bucket, max] of buckets) {
    const { count, oldest } = await counter.since(bucket, t - windowMs);
    if (count < max) continue;
    const retryAfter = Math.max(1, Math.ceil(((oldest ?? t) + windowMs - t) / 1000));
    throw new AppError(
      'too_many_requests',
      `Too many failed sign-ins; wait ${retryAfter} s, then use a valid token.`,
      { headers: { 'Retry-After': String(retryAfter) } },
    );
  }
}

function unauthorized(message: string) {
  return new AppError('unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer realm="s3keys"' } });
}

/** The client behind the socket (see client-address.ts); in-process requests (tests) count as one local client. */
function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress;
  return peer ? addressOf(peer, c.req.header('x-forwarded-for'), trustedProxies) : 'in-process';
}
