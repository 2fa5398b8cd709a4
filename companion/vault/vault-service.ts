/**
 * The synced vault's rules, in the domain's words: a user reads and writes only their own vault; a
 * write must name the version it replaces (`If-Match`) and loses to any write that came first (412,
 * the browser merges and retries); a vault over the per-user size limit is refused (413). Every
 * accepted write is audited as `vault.write` — that it changed, never what.
 * @module
 */
import { type VaultContent, VAULT_MAX_BYTES, vaultEtag } from '#shared/vault';
import { AppError } from '../app-error.ts';
import { auditRecord } from '../keys/audit.ts';
import type { User } from '../storage/data.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';
import type { StoredVault, VaultStore } from '../storage/vault-store.ts';

export interface VaultServiceOptions {
  vaults: VaultStore;
  /** Where the audit goes. */
  storage: Pick<RegistryStorage, 'appendAudit'>;
  now?: () => Date;
}

export function createVaultService({ vaults, storage, now = () => new Date() }: VaultServiceOptions) {
  return {
    /** The user's vault and its version (0 and null before the first write). */
    async read(user: User): Promise<{ version: number; vault: StoredVault['content'] | null }> {
      const stored = await vaults.read(user.id);
      return { version: stored?.version ?? 0, vault: stored?.content ?? null };
    },
    version: (user: User) => vaults.version(user.id),
    /** Replaces the user's vault when `ifMatch` names its current version; returns the new version. */
    async write(user: User, ifMatch: string | undefined, content: VaultContent): Promise<number> {
      const expected = parseIfMatch(ifMatch);
      const items = new Set(content.items.map((item) => item.id));
      if (items.size !== content.items.length)
        throw new AppError(
          'invalid_request',
          'The vault lists an item id twice; each item id must be unique.',
        );
      const bytes = Buffer.byteLength(JSON.stringify(content));
      if (bytes > VAULT_MAX_BYTES) throw tooLarge(bytes);
      const at = now().toISOString();
      const version = await vaults.replace(user.id, expected, content, at);
      if (version === null) {
        const current = await vaults.version(user.id);
        throw new AppError(
          'vault_changed',
          `Your vault changed since version ${expected} (it is at version ${current} now, written from another browser); read it, merge, and write again.`,
          { headers: { ETag: vaultEtag(current) } },
        );
      }
      await storage.appendAudit([
        auditRecord(
          { accountId: user.accountId, actor: user.id, action: 'vault.write', outcome: 'success' },
          at,
        ),
      ]);
      return version;
    },
  };
}

export type VaultService = ReturnType<typeof createVaultService>;

/** The refusal of a vault of `bytes` bytes, over the per-user limit. */
export function tooLarge(bytes?: number): AppError {
  const size =
    bytes === undefined ? 'Your vault would be over the limit' : `Your vault would be ${bytes} bytes`;
  return new AppError(
    'vault_too_large',
    `${size}; each user may keep ${VAULT_MAX_BYTES} bytes. Forget some remembered pairs first.`,
  );
}

/** `"7"`, `7` or `W/"7"` → 7; anything else, or nothing, is refused with 428. */
function parseIfMatch(header: string | undefined): number {
  const match = header?.trim().match(/^(?:W\/)?"?(\d{1,15})"?$/);
  if (!match)
    throw new AppError(
      'vault_version_required',
      'Say which version of your vault this write replaces with "If-Match" (the ETag of GET /api/v1/vault; "0" for the first write).',
    );
  return Number(match[1]);
}
