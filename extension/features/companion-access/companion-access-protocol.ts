/**
 * Companion access's part of the message protocol (`@/lib/messages.ts`): an extension page asks the
 * worker to probe a companion URL, because only the worker sees the browser's network error (an
 * untrusted certificate, nothing listening) behind a failed request.
 * @module
 */
import type { Failure } from '@/lib/companion-error.ts';
import type { Handlers } from '@/lib/messages.ts';
import { probeCompanion } from './probe-companion.ts';

export interface CompanionAccessProtocol {
  /** Whether an S3 Keys companion answers at `url`, and if not, why. */
  probeCompanion: { request: { url: string }; response: Failure | null };
}

/** The worker's answers to companion access's messages. */
export const companionAccessHandlers: Handlers<CompanionAccessProtocol> = {
  probeCompanion: ({ url }) => probeCompanion(url),
};
