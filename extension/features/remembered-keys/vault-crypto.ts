/**
 * The vault's cryptography, all WebCrypto: the key is derived from the passphrase with PBKDF2-SHA-256
 * (≥ 600,000 iterations, OWASP 2023) and never leaves the browser; each item is AES-GCM with the user
 * id, the item id and its version as associated data, so the companion (or anyone with the stored
 * vault) can neither read an item nor move it to another user, slot or version undetected. A check value,
 * sealed the same way, tells a wrong passphrase from a tampered item.
 * @module
 */
import { type Sealed, VAULT_MIN_ITERATIONS as MIN_ITERATIONS, type VaultKdf } from '#shared/vault';

export { MIN_ITERATIONS };
const CHECK_TEXT = 's3keys vault check';

/** Associated data of an item: the same bytes must be given to open it. */
const itemAad = (userId: string, id: string, version: number) =>
  new TextEncoder().encode(`s3keys:vault-item:v1\0${userId}\0${id}\0${version}`);
const checkAad = (userId: string) => new TextEncoder().encode(`s3keys:vault-check:v1\0${userId}`);

/** New key derivation settings: a fresh 128-bit salt. */
export function newKdf(iterations = MIN_ITERATIONS): VaultKdf {
  if (iterations < MIN_ITERATIONS)
    throw new Error(`remembered-keys: PBKDF2 needs at least ${MIN_ITERATIONS} iterations`);
  return { algorithm: 'PBKDF2-SHA-256', salt: toB64(crypto.getRandomValues(new Uint8Array(16))), iterations };
}

/** The raw 256-bit vault key for `passphrase` under `kdf`. */
export async function deriveKey(passphrase: string, kdf: VaultKdf): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromB64(kdf.salt), iterations: kdf.iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** The AES-GCM key object of raw key bytes. */
export const importKey = (raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

async function seal(key: CryptoKey, plaintext: Uint8Array<ArrayBuffer>, aad: Uint8Array): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad as BufferSource },
    key,
    plaintext,
  );
  return { iv: toB64(iv), ciphertext: toB64(new Uint8Array(ciphertext)) };
}

async function open(key: CryptoKey, sealed: Sealed, aad: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromB64(sealed.iv), additionalData: aad as BufferSource },
      key,
      fromB64(sealed.ciphertext),
    ),
  );
}

/** The check value of a new vault: proves a passphrase right without opening an item. */
export const sealCheck = (key: CryptoKey, userId: string) =>
  seal(key, new TextEncoder().encode(CHECK_TEXT), checkAad(userId));

/** True when `key` opens the check value, i.e. the passphrase is the vault's. */
export async function opensCheck(key: CryptoKey, userId: string, check: Sealed): Promise<boolean> {
  try {
    return new TextDecoder().decode(await open(key, check, checkAad(userId))) === CHECK_TEXT;
  } catch {
    return false;
  }
}

/** Seals `value` (JSON) as item `id` at `version` of `userId`'s vault. */
export const sealItem = (key: CryptoKey, userId: string, id: string, version: number, value: unknown) =>
  seal(key, new TextEncoder().encode(JSON.stringify(value)), itemAad(userId, id, version));

/** Opens item `id` at `version`; throws when it was changed, moved or sealed for someone else. */
export async function openItem<T>(
  key: CryptoKey,
  userId: string,
  item: Sealed & { id: string; version: number },
): Promise<T> {
  return JSON.parse(
    new TextDecoder().decode(await open(key, item, itemAad(userId, item.id, item.version))),
  ) as T;
}

export function toB64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export function fromB64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
