import {
  autofillHandlers,
  explainFillResult,
  firstPair,
  listUsedOrigins,
  pendingSecretPair,
  registerAutofill,
} from '@/features/autofill/index.ts';
import { rememberedFillablePair } from '@/features/remembered-keys/index.ts';
import {
  rememberedPairsHandlers,
  retireReplacedPair,
  workerPairs,
} from '@/features/remembered-keys/vault-worker.ts';
import { watchVaultSync } from '@/features/remembered-keys/vault-alarm.ts';
import { companionAccessHandlers } from '@/features/companion-access/companion-access-protocol.ts';
import { openSignInOnInstall } from '@/features/sign-in/first-run.ts';
import { watchTeamChanges } from '@/features/team-notices/check-team-changes.ts';
import { notifyTeamResets } from '@/features/team-notices/notify-team-resets.ts';
import { flashBadge, initToolbarBadge } from '@/features/toolbar-badge/toolbar-badge.ts';
import { watchKeyVerification } from '@/features/toolbar-badge/verification-watch.ts';
import { recordReplacedKey } from '@/features/where-used/replaced-keys.ts';
import { keyOperationHandlers } from '@/lib/key-operation.ts';
import { onMessage } from '@/lib/messages.ts';
import { connection } from '@/lib/state.ts';

// Creates, resets and fills run here so they finish even when the popup closes mid-request.
export default defineBackground(() => {
  openSignInOnInstall();
  // The replaced pair no longer works: never fill it again, and list where it was used.
  const onKeyReplaced = [retireReplacedPair, recordReplacedKey];
  onMessage({
    ...keyOperationHandlers({ connection, onKeyReplaced }),
    ...autofillHandlers,
    ...companionAccessHandlers,
    ...rememberedPairsHandlers,
  });
  initToolbarBadge();
  watchKeyVerification();
  // A teammate's reset is the same news, learnt from the companion instead.
  watchTeamChanges({ onKeyReplaced, notify: notifyTeamResets });
  watchVaultSync(workerPairs);
  registerAutofill({
    getFillablePair: firstPair(pendingSecretPair, rememberedFillablePair(workerPairs, listUsedOrigins)),
    // The command and the menu have no window of their own: a refusal shows on the badge for a moment.
    onGestureResult: (result) =>
      void (!result.ok && flashBadge(result.reason === 'no-pair' ? '?' : '✕', explainFillResult(result))),
  });
});
