/**
 * Idempotent answers for the lowdb storage: claims live in memory (one process owns the data
 * directory), finished answers — sealed — also in a small file of their own, so a replay survives a
 * restart. Expired answers are dropped at the next write.
 * @module
 */
import { Memory, type Adapter } from 'lowdb';
import * as z from 'zod';
import { SealedSecret } from './data.ts';
import type { IdempotencyRecord, IdempotencyStore } from './registry-storage.ts';
import { StartupError } from '../startup-error.ts';

const StoredAnswer = z.object({
  userId: z.string(),
  key: z.string(),
  fingerprint: z.string(),
  expiresAt: z.number(),
  response: SealedSecret,
});
type StoredAnswer = z.infer<typeof StoredAnswer>;
const StoredAnswers = z.array(StoredAnswer);

export async function openIdempotencyFile({
  adapter,
  source,
  now = Date.now,
}: {
  adapter: Adapter<StoredAnswer[]>;
  source: string;
  now?: () => number;
}): Promise<IdempotencyStore> {
  let answers: StoredAnswer[];
  try {
    answers = StoredAnswers.parse((await adapter.read()) ?? []);
  } catch (error) {
    throw new StartupError(
      `The idempotency file ${source} is damaged (${(error as Error).message}); move it away (it only holds replays of recent answers).`,
    );
  }
  const slot = (userId: string, key: string) => `${userId}\0${key}`;
  const records = new Map<string, IdempotencyRecord>(
    answers.map(({ userId, key, ...record }) => [slot(userId, key), record]),
  );
  let queue: Promise<unknown> = Promise.resolve();
  // Writes run one at a time, each with the answers as they are when it runs.
  const persist = () => {
    const run = () => {
      const t = now();
      const kept: StoredAnswer[] = [];
      for (const [id, record] of records) {
        if (record.expiresAt <= t) records.delete(id);
        else if (record.response) {
          const [userId, key] = id.split('\0') as [string, string];
          kept.push({
            userId,
            key,
            fingerprint: record.fingerprint,
            expiresAt: record.expiresAt,
            response: record.response,
          });
        }
      }
      return adapter.write(kept);
    };
    const done = queue.then(run, run);
    queue = done.catch(() => undefined);
    return done;
  };

  return {
    async claim(userId, key, fingerprint, expiresAt) {
      const held = records.get(slot(userId, key));
      if (held && held.expiresAt > now()) return held;
      records.set(slot(userId, key), { fingerprint, expiresAt, response: null });
      return null;
    },
    async complete(userId, key, response, expiresAt) {
      const held = records.get(slot(userId, key));
      if (!held) return;
      records.set(slot(userId, key), { ...held, response, expiresAt });
      await persist();
    },
    async release(userId, key) {
      records.delete(slot(userId, key));
    },
  };
}

/** Answers kept in memory only, for unit tests. */
export function openMemoryIdempotency(): Promise<IdempotencyStore> {
  return openIdempotencyFile({ adapter: new Memory<StoredAnswer[]>(), source: 'memory' });
}
