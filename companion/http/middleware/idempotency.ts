/**
 * `Idempotency-Key` on writes: the same user, key, path and body within 10 minutes gets the first
 * answer again (`Idempotent-Replayed: true`) and nothing runs twice; the same key with another request
 * is 422, and while the first is still running, 409. Answers are kept in memory only (they may hold a
 * secret), and 5xx/429 answers are not kept, so a retry after an outage runs again.
 * @module
 */
import { createMiddleware } from 'hono/factory';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '#shared/api';
import { AppError } from '../../app-error.ts';
import type { AppEnv } from '../env.ts';

export const IDEMPOTENCY_TTL_MS = 10 * 60 * 1000;
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

interface Entry {
  fingerprint: string;
  expiresAt: number;
  response?: { status: number; body: string; contentType: string };
}

export function idempotency({ now = Date.now }: { now?: () => number } = {}) {
  const entries = new Map<string, Entry>();

  const sweep = (t: number) => {
    for (const [key, entry] of entries) if (entry.response && entry.expiresAt <= t) entries.delete(key);
  };

  return createMiddleware<AppEnv>(async function idempotency(c, next) {
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined) return next();
    if (!VALID_KEY.test(key)) {
      throw new AppError(
        'invalid_request',
        `${IDEMPOTENCY_KEY_HEADER} must be 1–255 printable ASCII characters, e.g. a UUID.`,
      );
    }
    const t = now();
    sweep(t);
    const slot = `${c.var.user.id}\0${key}`;
    const fingerprint = `${c.req.method} ${c.req.path} ${JSON.stringify(c.var.body)}`;
    const seen = entries.get(slot);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw new AppError(
          'idempotency_key_reused',
          `This ${IDEMPOTENCY_KEY_HEADER} was already used for another request; use a new key for a new request.`,
        );
      }
      if (!seen.response) {
        throw new AppError(
          'idempotency_key_in_flight',
          'The first request with this Idempotency-Key is still running; wait for its answer, then retry.',
        );
      }
      return c.body(seen.response.body, seen.response.status as 200, {
        'Content-Type': seen.response.contentType,
        [IDEMPOTENT_REPLAYED_HEADER]: 'true',
      });
    }
    entries.set(slot, { fingerprint, expiresAt: t + IDEMPOTENCY_TTL_MS });
    try {
      await next();
    } finally {
      const status = c.res.status;
      if (status >= 500 || status === 429) entries.delete(slot);
      else {
        const body = await c.res.clone().text();
        entries.set(slot, {
          fingerprint,
          expiresAt: now() + IDEMPOTENCY_TTL_MS,
          response: { status, body, contentType: c.res.headers.get('content-type') ?? 'application/json' },
        });
      }
    }
  });
}
