/**
 * The worker's side of the remembered pairs: its own instance, whose link is the syncer itself, the
 * signed-in companion as the syncer sees it, the answer to the popup's sync message, and the listener
 * that retires a pair a reset here replaced.
 * @module
 */
import { createCompanionClient, createVaultClient } from '@/lib/companion-client.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import type { KeyReplaced } from '@/lib/key-operation.ts';
import type { Handlers } from '@/lib/messages.ts';
import { connection } from '@/lib/state.ts';
import { recordReplacedKey } from '../where-used/replaced-keys.ts';
import { createRememberedPairs, extensionVault, type RememberedPairs } from './remembered-pairs.ts';
import { PAIRS_METHODS, type RememberedPairsProtocol } from './remembered-pairs-proxy.ts';
import { createVaultSyncer, type VaultCompanion } from './vault-syncer.ts';
import { VaultConflict } from './vault-sync.ts';

/** The signed-in companion as the vault sees it (null when signed out). */
export async function signedInCompanion(): Promise<VaultCompanion | null> {
  const saved = await connection.getValue();
  if (!saved) return null;
  const client = createCompanionClient(saved);
  const vault = createVaultClient(saved);
  return {
    userId: async () => (await client.me()).user.id,
    regions: () => client.regions(),
    remote: {
      read: () => vault.vault(),
      version: () => vault.vaultVersion(),
      async write(content, ifMatch) {
        try {
          return await vault.putVault(content, ifMatch);
        } catch (error) {
          if (error instanceof CompanionError && error.code === 'vault_changed')
            throw new VaultConflict(error.message);
          throw error;
        }
      },
    },
  };
}

const syncer = createVaultSyncer({
  store: extensionVault.store,
  pairs: { status: () => workerPairs.status(), sweep: () => workerPairs.sweep() },
  companion: signedInCompanion,
  // A reset elsewhere: where-used lists the old key's sites here too.
  onRetired: recordReplacedKey,
});

/** The worker's remembered pairs (the command, the menu, resets, the alarm). */
export const workerPairs: RememberedPairs = createRememberedPairs({ ...extensionVault, link: syncer });

/** The worker's answers to the remembered pairs' messages. */
export const rememberedPairsHandlers: Handlers<RememberedPairsProtocol> = {
  async rememberedPairs({ method, args }) {
    if (!PAIRS_METHODS.includes(method)) return { ok: false, message: `no such method: ${method}` };
    try {
      const call = workerPairs[method] as (...args: unknown[]) => Promise<unknown>;
      return { ok: true, value: await call(...args) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  },
};

/** A reset replaced a key: its remembered pair no longer works, so it is never filled again (a key-operation listener). */
export function retireReplacedPair({ accessKeyId }: KeyReplaced): Promise<void> {
  return workerPairs.retire(accessKeyId);
}
