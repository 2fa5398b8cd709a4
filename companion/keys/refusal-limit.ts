/**
 * A limit on refused key writes per user: each refusal is audited, so without a limit one signed-in
 * user could grow the audit (and the disk) at request speed. Past `max` refusals within the window the
 * user's next refused attempt gets 429 `too_many_requests` with `Retry-After` instead, and is not
 * audited; writes that succeed are never limited. Counted in this process's memory (each companion
 * limits what it is asked), pruned as the window passes.
 * @module
 */
import { AppError } from '../app-error.ts';

export interface RefusalLimit {
  /** Refused writes a user may have audited within the window. Default 120 (races between teammates end in refusals too). */
  max: number;
  /** Default 60. */
  windowSeconds: number;
}

export const DEFAULT_REFUSAL_LIMIT: RefusalLimit = { max: 120, windowSeconds: 60 };

export function createRefusalLimiter(
  { max, windowSeconds }: RefusalLimit = DEFAULT_REFUSAL_LIMIT,
  now: () => number = Date.now,
) {
  const windowMs = windowSeconds * 1000;
  const refusals = new Map<string, number[]>();
  let prunedAt = now();
  const prune = (t: number) => {
    if (t - prunedAt < windowMs) return;
    prunedAt = t;
    for (const [userId, times] of refusals) if (times.at(-1)! <= t - windowMs) refusals.delete(userId);
  };
  return {
    /** Counts one refusal of `userId`; throws 429 when the user is past the limit (count it no more). */
    admit(userId: string): void {
      const t = now();
      prune(t);
      const recent = (refusals.get(userId) ?? []).filter((at) => at > t - windowMs);
      if (recent.length >= max) {
        const retryAfter = Math.max(1, Math.ceil((recent[0]! + windowMs - t) / 1000));
        refusals.set(userId, recent);
        throw new AppError(
          'too_many_requests',
          `Too many refused key changes from you; wait ${retryAfter} s before trying again.`,
          { headers: { 'Retry-After': String(retryAfter) } },
        );
      }
      recent.push(t);
      refusals.set(userId, recent);
    },
  };
}
