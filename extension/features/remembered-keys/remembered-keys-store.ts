/**
 * Opt-in store of pairs the user chose to remember in this browser: the whole list is one AES-GCM
 * ciphertext under a key derived from a passphrase with PBKDF2-SHA-256 (≥ 600,000 iterations, OWASP
 * 2023). Unlocking puts the derived key in memory-only session storage, so the store is locked again
 * whenever the browser starts. The extension's instance and its retired-pair list are in
 * `remembered-pairs.ts`; the popup's opt-in and lock are `RememberPair.tsx` and `RememberedKeysLock.tsx`.
 * @module
 */
import type { StoredItem } from '@/lib/stored-item.ts';
import type { Fill } from '../autofill/types.ts';

/** A remembered pair: what autofill needs, tagged with its region. */
export type RememberedPair = Fill;

/** What is kept at rest; nothing in it is readable without the passphrase. */
export interface Vault {
  version: 1;
  salt: string;
  iterations: number;
  iv: string;
  ciphertext: string;
}

export interface RememberedKeysOptions {
  /** Where the vault lives (persistent, e.g. the extension's private IndexedDB). */
  vault: StoredItem<Vault | null>;
  /** Where the unlocked key lives (memory-only, e.g. `session:` storage). */
  session: StoredItem<string | null>;
  /** PBKDF2 iterations for a new vault; at least 600,000. */
  iterations?: number;
}

export const MIN_ITERATIONS = 600_000;
// Binds the ciphertext to its purpose: a blob copied from another store or version fails to decrypt.
const AAD = new TextEncoder().encode('s3keys:remembered-keys:v1');

/** Creates the store; misuse (too few iterations) fails here. */
export function createRememberedKeys({ vault, session, iterations = MIN_ITERATIONS }: RememberedKeysOptions) {
  if (iterations < MIN_ITERATIONS)
    throw new Error(`remembered-keys: PBKDF2 needs at least ${MIN_ITERATIONS} iterations`);

  const sessionKey = async (): Promise<CryptoKey> => {
    const raw = await session.getValue();
    if (!raw) throw new Error('remembered-keys: locked');
    return crypto.subtle.importKey('raw', fromB64(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  };
  const read = async (key: CryptoKey, stored: Vault): Promise<RememberedPair[]> =>
    JSON.parse(
      new TextDecoder().decode(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromB64(stored.iv), additionalData: AAD },
          key,
          fromB64(stored.ciphertext),
        ),
      ),
    ) as RememberedPair[];
  const write = async (
    key: CryptoKey,
    stored: Pick<Vault, 'salt' | 'iterations'>,
    pairs: RememberedPair[],
  ) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: AAD },
      key,
      new TextEncoder().encode(JSON.stringify(pairs)),
    );
    await vault.setValue({
      version: 1,
      ...stored,
      iv: toB64(iv),
      ciphertext: toB64(new Uint8Array(ciphertext)),
    });
  };
  const current = async () => {
    const stored = await vault.getValue();
    if (!stored) throw new Error('remembered-keys: not set up');
    return { key: await sessionKey(), stored };
  };

  return {
    /** True when a vault exists (the user opted in). */
    isSetUp: async () => (await vault.getValue()) !== null,
    /** True until {@link unlock} succeeds in this browser session. */
    isLocked: async () => (await session.getValue()) === null,
    /** Opts in: an empty vault under `passphrase`, left unlocked. */
    async setUp(passphrase: string): Promise<void> {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const raw = await derive(passphrase, salt, iterations);
      await session.setValue(toB64(raw));
      await write(await sessionKey(), { salt: toB64(salt), iterations }, []);
    },
    /** Derives the key and checks it against the vault; false on a wrong passphrase. */
    async unlock(passphrase: string): Promise<boolean> {
      const stored = await vault.getValue();
      if (!stored) return false;
      const raw = await derive(passphrase, fromB64(stored.salt), stored.iterations);
      const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
      try {
        await read(key, stored);
      } catch {
        return false;
      }
      await session.setValue(toB64(raw));
      return true;
    },
    lock: () => session.removeValue(),
    /** The remembered pairs; throws when locked. */
    async list(): Promise<RememberedPair[]> {
      const { key, stored } = await current();
      return read(key, stored);
    },
    /** Remembers `pair`, replacing any earlier pair of its region. */
    async remember(pair: RememberedPair): Promise<void> {
      const { key, stored } = await current();
      const pairs = (await read(key, stored)).filter((p) => p.region !== pair.region);
      await write(key, stored, [...pairs, pair]);
    },
    /** Forgets the pair of `accessKeyId`. */
    async forget(accessKeyId: string): Promise<void> {
      const { key, stored } = await current();
      await write(
        key,
        stored,
        (await read(key, stored)).filter((p) => p.accessKeyId !== accessKeyId),
      );
    },
    /** Opts out: deletes the vault and the session key. */
    async erase(): Promise<void> {
      await vault.removeValue();
      await session.removeValue();
    },
  };
}

export type RememberedKeys = ReturnType<typeof createRememberedKeys>;

async function derive(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256),
  );
}

function toB64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromB64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
