/**
 * The synced vault's contract: what the companion keeps for a user's remembered pairs. Every item is
 * ciphertext the browser made (AES-GCM under a key derived from the user's passphrase, bound to the
 * user, the item and its version); the companion stores and versions it, and can read none of it.
 * @module
 */
import * as z from 'zod/mini';

/** The per-user limit on a stored vault, in bytes of its JSON (about 400 pairs). */
export const VAULT_MAX_BYTES = 256 * 1024;
/** Items in one vault, forgotten ones (kept so a stale copy cannot bring them back) included. */
export const VAULT_MAX_ITEMS = 2000;
/** The fewest PBKDF2-SHA-256 iterations a vault may declare (OWASP 2023). */
export const VAULT_MIN_ITERATIONS = 600_000;

/** A whole number in [min, max] (`multipleOf`, not `z.int()`, whose number formats would weigh on the popup). */
const Whole = (min: number, max: number) => z.number().check(z.multipleOf(1), z.minimum(min), z.maximum(max));

const Base64 = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9+/]+={0,2}$/));

/** One AES-GCM ciphertext and its 96-bit nonce, both base64. */
export const Sealed = z.strictObject({ iv: Base64(24), ciphertext: Base64(8192) });
export type Sealed = z.infer<typeof Sealed>;

/** How the browser derives the vault key from the passphrase; the same on every browser of the user. */
export const VaultKdf = z.strictObject({
  algorithm: z.literal('PBKDF2-SHA-256'),
  salt: Base64(64),
  iterations: Whole(VAULT_MIN_ITERATIONS, 10_000_000),
});
export type VaultKdf = z.infer<typeof VaultKdf>;

/** One remembered pair (or its retirement, or that it was forgotten), sealed with its id and version as AAD. */
export const VaultItem = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  version: Whole(1, 1_000_000),
  ...Sealed.shape,
});
export type VaultItem = z.infer<typeof VaultItem>;

/**
 * A vault as written: its key derivation, a check value that tells a wrong passphrase, its epoch (one
 * more at each "forget all", so a stale copy cannot bring forgotten pairs back), and the items.
 */
export const VaultContent = z.strictObject({
  kdf: VaultKdf,
  epoch: Whole(0, 1_000_000_000),
  check: Sealed,
  items: z.array(VaultItem).check(z.maxLength(VAULT_MAX_ITEMS)),
});
export type VaultContent = z.infer<typeof VaultContent>;

/** `GET /api/v1/vault`: the stored vault and its version; version 0 and no vault before the first write. */
export const SyncedVault = z.object({ version: z.number(), vault: z.nullable(VaultContent) });
export type SyncedVault = z.infer<typeof SyncedVault>;

/** The vault's version alone: what the version check and a write answer. */
export const VaultVersion = z.object({ version: z.number() });
export type VaultVersion = z.infer<typeof VaultVersion>;

/** The strong ETag of a vault version, as the companion sends it and `If-Match` repeats it. */
export function vaultEtag(version: number): string {
  return `"${version}"`;
}
