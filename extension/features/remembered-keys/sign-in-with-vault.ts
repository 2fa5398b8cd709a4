/**
 * Sign-in, as the popup and the options page run it: the session starts, then this browser's vault copy
 * is brought to the signed-in user's before any page shows it. A copy another user left here (kept at
 * their sign-out, unreadable without their passphrase) is replaced by the new user's own; the companion
 * keeps theirs. A vault set up in another browser is here from the first popup.
 * @module
 */
import type { Connection } from '@/lib/settings.ts';
import { signIn } from '@/lib/state.ts';
import { rememberedPairs } from './remembered-pairs-proxy.ts';

export async function signInWithVault(saved: Connection): Promise<void> {
  await signIn(saved);
  // A failed sync is not a failed sign-in: the popup syncs again when it opens, and says why it could not.
  await rememberedPairs.sync().catch(() => {});
}
