/**
 * The companion's vault routes in memory, for the extension's unit and component tests: the same
 * compare-and-swap rule as the real ones (a write naming an old version is refused with a conflict),
 * and the stored vault open to inspection and tampering. The real routes are proven in
 * test/api/vault.test.ts and end to end.
 */
import type { Region } from '#shared/api';
import type { VaultContent } from '#shared/vault';
import type { VaultCompanion } from '../../extension/features/remembered-keys/vault-syncer.ts';
import { VaultConflict } from '../../extension/features/remembered-keys/vault-sync.ts';

export interface MemoryVaultServer {
  /** What the companion holds now. */
  stored: { version: number; vault: VaultContent | null };
  /** How many writes it accepted. */
  writes: number;
  /** While true, every call fails as when the companion does not answer. */
  down: boolean;
  /** The companion as `userId` sees it, with these regions' current keys. */
  as(userId: string, regions?: () => Pick<Region, 'id' | 'key'>[]): VaultCompanion;
}

export function memoryVaultServer(): MemoryVaultServer {
  const server: MemoryVaultServer = {
    stored: { version: 0, vault: null },
    writes: 0,
    down: false,
    as: (userId, regions = () => []) => ({
      userId: async () => {
        if (server.down) throw new Error('Cannot reach the companion at http://127.0.0.1:8787.');
        return userId;
      },
      regions: async () => regions(),
      remote: {
        read: async () => structuredClone(server.stored),
        version: async () => server.stored.version,
        async write(content, ifMatch) {
          if (ifMatch !== server.stored.version) throw new VaultConflict('vault changed');
          server.stored = { version: ifMatch + 1, vault: structuredClone(content) };
          server.writes++;
          return server.stored.version;
        },
      },
    }),
  };
  return server;
}
