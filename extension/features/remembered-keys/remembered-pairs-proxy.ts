/**
 * The popup's remembered pairs: every call runs in the worker, which owns the vault — its key
 * derivation, its items and its sync — so the popup carries none of that code. The worker answers
 * with {@link rememberedPairsHandlers} (vault-worker.ts) over the same method names.
 * @module
 */
import { sendMessage } from '@/lib/messages.ts';
import type { RememberedPairs } from './remembered-pairs.ts';

/** The methods the popup may call, by name. */
export const PAIRS_METHODS = [
  'status',
  'entries',
  'pairs',
  'unlock',
  'lock',
  'remember',
  'retire',
  'forgetAll',
  'sync',
  'idleMinutes',
  'setIdleMinutes',
] as const satisfies readonly (keyof RememberedPairs)[];
export type PairsMethod = (typeof PAIRS_METHODS)[number];

/** An answer from the worker: the method's value, or the sentence of the error it threw. */
export type PairsAnswer = { ok: true; value: unknown } | { ok: false; message: string };

/** The remembered pairs' part of the message protocol (`messages.ts`). */
export interface RememberedPairsProtocol {
  rememberedPairs: { request: { method: PairsMethod; args: unknown[] }; response: PairsAnswer };
}

/** The remembered pairs as the popup uses them (the same interface as the worker's own). */
export const rememberedPairs = Object.fromEntries(
  PAIRS_METHODS.map((method) => [
    method,
    async (...args: unknown[]) => {
      const answer = await sendMessage('rememberedPairs', { method, args });
      if (!answer.ok) throw new Error(answer.message);
      return answer.value;
    },
  ]),
) as unknown as RememberedPairs;
