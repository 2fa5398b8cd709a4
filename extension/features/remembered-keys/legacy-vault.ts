/**
 * The vault before sync: the whole list of pairs as one AES-GCM ciphertext under the passphrase's
 * PBKDF2 key, kept in this browser only. It is opened once, at the first unlock after the update, and
 * its pairs move into the synced vault (remembered-pairs.ts), so nobody loses a remembered pair.
 * @module
 */
import type { RememberedPair } from './local-vault.ts';
import { deriveKey, fromB64, importKey } from './vault-crypto.ts';

/** What the pre-sync version kept at rest (`private:rememberedKeys`). */
export interface LegacyVault {
  version: 1;
  salt: string;
  iterations: number;
  iv: string;
  ciphertext: string;
}

const AAD = new TextEncoder().encode('s3keys:remembered-keys:v1');

/** The pairs of `stored`, or null when `passphrase` is not the one it was encrypted with. */
export async function openLegacyVault(
  stored: LegacyVault,
  passphrase: string,
): Promise<RememberedPair[] | null> {
  const raw = await deriveKey(passphrase, {
    algorithm: 'PBKDF2-SHA-256',
    salt: stored.salt,
    iterations: stored.iterations,
  });
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromB64(stored.iv), additionalData: AAD },
      await importKey(raw),
      fromB64(stored.ciphertext),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as RememberedPair[];
  } catch {
    return null;
  }
}
