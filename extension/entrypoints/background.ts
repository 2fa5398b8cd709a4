import {
  explainFillResult,
  firstPair,
  listUsedOrigins,
  pendingSecretPair,
  registerAutofill,
} from '@/features/autofill/index.ts';
import { probeCompanion } from '@/features/companion-access/probe-companion.ts';
import { openSignInOnInstall } from '@/features/sign-in/first-run.ts';
import { rememberedFillablePair, rememberedPairs } from '@/features/remembered-keys/index.ts';
import { flashBadge, initToolbarBadge } from '@/features/toolbar-badge/toolbar-badge.ts';
import { watchKeyVerification } from '@/features/toolbar-badge/verification-watch.ts';
import { recordReplacedKey } from '@/features/where-used/replaced-keys.ts';
import { createKeyOperations } from '@/lib/key-operation.ts';
import { onMessage } from '@/lib/messages.ts';
import { connection } from '@/lib/settings.ts';

// Creates and resets run here so they finish even when the popup closes mid-request.
export default defineBackground(() => {
  openSignInOnInstall();
  const operations = createKeyOperations({ connection });
  onMessage({
    runKeyOperation: async (operation) => {
      const outcome = await operations.run(operation);
      // The replaced pair no longer works: never fill it again, and list where it was used.
      if (outcome.ok && operation.kind === 'reset') {
        await Promise.all([
          rememberedPairs.retire(operation.accessKeyId),
          recordReplacedKey(operation.region, operation.accessKeyId),
        ]);
      }
      return outcome;
    },
    probeCompanion: ({ url }) => probeCompanion(url),
  });
  initToolbarBadge();
  watchKeyVerification();
  registerAutofill({
    getFillablePair: firstPair(pendingSecretPair, rememberedFillablePair(rememberedPairs, listUsedOrigins)),
    // The command and the menu have no window of their own: a refusal shows on the badge for a moment.
    onGestureResult: (result) =>
      void (!result.ok && flashBadge(result.reason === 'no-pair' ? '?' : '✕', explainFillResult(result))),
  });
});
