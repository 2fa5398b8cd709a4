/**
 * `Idempotency-Key` on writes: the same user, key, path and body within 10 minutes gets the first
 * answer again (`Idempotent-Replayed: true`) and nothing runs twice; the same key with another request
 * is 422, and while the first is still running, 409. Answers are kept through the storage — sealed
 * with the master key, bound to the user and the key, since they may hold a secret — so a retry that
 * reaches another instance, or the same one after a restart, is replayed too. 5xx/429 answers are not
 * kept, so a retry after an outage runs again. A claim is held for a short lease until its answer is kept, so
 * a retry is not blocked for long by an instance that died mid-request. A key change keeps its answer just
 * before its commit (`keepAnswerBeforeCommit`), marked with the pair it makes: a companion killed between
 * the commit and the answer still replays it to the retry, and one killed before the commit runs the retry
 * again. A retry that reaches another instance after the first kept its answer but before it committed
 * waits for the slot, so it gets the first's answer instead of racing it (and being told its key is stale).
 * @module
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '#shared/api';
import { AppError } from '../../app-error.ts';
import type { SealedSecret } from '../../storage/data.ts';
import type { IdempotencyStore } from '../../storage/registry-storage.ts';
import type { Sealer } from '../../storage/seal.ts';
import type { AppEnv } from '../env.ts';

export const IDEMPOTENCY_TTL_MS = 10 * 60 * 1000;
/**
 * How long a claim without an answer holds its key. Far longer than a key change can run (a few gateway
 * calls of at most 5 s each), short enough that a retry is not blocked for long when the instance that
 * claimed the key was killed before it answered.
 */
export const IN_FLIGHT_LEASE_MS = 60 * 1000;
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

interface StoredAnswer {
  status: number;
  body: string;
  contentType: string;
  /** Kept before the commit of this pair: the answer stands only if the pair is in the registry. */
  ifCommitted?: string;
}

export function idempotency({
  store,
  sealer,
  isCommitted,
  untilSlotFree,
  now = Date.now,
}: {
  store: IdempotencyStore;
  sealer: Sealer;
  /** Whether the account's registry holds pair `accessKeyId` (current or retired). */
  isCommitted: (accountId: string, accessKeyId: string) => Promise<boolean>;
  /** Resolves once no change of the request's key slot is under way on any instance. */
  untilSlotFree: (c: Context<AppEnv>) => Promise<void>;
  now?: () => number;
}) {
  // Requests of this process between keeping an early answer and finishing: a retry of one is in flight.
  const running = new Set<string>();
  return createMiddleware<AppEnv>(async function idempotency(c, next) {
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined) return next();
    if (!VALID_KEY.test(key)) {
      throw new AppError(
        'invalid_request',
        `${IDEMPOTENCY_KEY_HEADER} must be 1–255 printable ASCII characters, e.g. a UUID.`,
      );
    }
    const userId = c.get('user').id;
    const fingerprint = `${c.req.method} ${c.req.path} ${JSON.stringify(c.get('body'))}`;
    const seal = (answer: StoredAnswer) =>
      sealer.sealAnswer(JSON.stringify(answer), { userId, idempotencyKey: key });
    const open = (sealed: SealedSecret) =>
      JSON.parse(sealer.openAnswer(sealed, { userId, idempotencyKey: key })) as StoredAnswer;
    const committed = (accessKeyId: string) => isCommitted(c.get('user').accountId, accessKeyId);
    const runningKey = `${userId}\0${key}`;
    let held = await store.claim(userId, key, fingerprint, now() + IN_FLIGHT_LEASE_MS);
    const inFlight = () =>
      new AppError(
        'idempotency_key_in_flight',
        'The first request with this Idempotency-Key is still running; wait for its answer, then retry.',
      );
    if (held?.response && held.fingerprint === fingerprint) {
      const pair = open(held.response).ifCommitted;
      if (pair && !(await committed(pair))) {
        if (running.has(runningKey)) throw inFlight();
        // Another instance may be committing it right now: once the slot is free, its outcome is known.
        await untilSlotFree(c);
        if (!(await committed(pair))) {
          // Kept by a companion that died before its commit: nothing happened, so the retry runs.
          await store.release(userId, key);
          held = await store.claim(userId, key, fingerprint, now() + IN_FLIGHT_LEASE_MS);
        }
      }
    }
    if (held) {
      if (held.fingerprint !== fingerprint) {
        throw new AppError(
          'idempotency_key_reused',
          `This ${IDEMPOTENCY_KEY_HEADER} was already used for another request; use a new key for a new request.`,
        );
      }
      if (!held.response) throw inFlight();
      const answer = open(held.response);
      return c.body(answer.body, answer.status as 200, {
        'Content-Type': answer.contentType,
        [IDEMPOTENT_REPLAYED_HEADER]: 'true',
      });
    }
    running.add(runningKey);
    c.set('keepAnswerBeforeCommit', (status, answer, accessKeyId) =>
      store.complete(
        userId,
        key,
        seal({
          status,
          body: JSON.stringify(answer),
          contentType: 'application/json',
          ifCommitted: accessKeyId,
        }),
        now() + IDEMPOTENCY_TTL_MS,
      ),
    );
    try {
      await next();
    } finally {
      running.delete(runningKey);
      const status = c.res.status;
      if (status >= 500 || status === 429) await store.release(userId, key);
      else {
        const answer: StoredAnswer = {
          status,
          body: await c.res.clone().text(),
          contentType: c.res.headers.get('content-type') ?? 'application/json',
        };
        await store.complete(userId, key, seal(answer), now() + IDEMPOTENCY_TTL_MS);
      }
    }
  });
}
