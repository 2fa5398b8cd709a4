/**
 * AES-256-GCM sealing of key-pair secrets. Each ciphertext is bound by associated data to its record
 * (account, region, access key id), so a ciphertext copied onto another record fails to open.
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SealedSecret } from './data.ts';

export interface SecretBinding {
  accountId: string;
  regionId: string;
  accessKeyId: string;
}

export interface Sealer {
  /** Short id of the master key, stored with each ciphertext. */
  readonly kid: string;
  seal(secret: string, binding: SecretBinding): SealedSecret;
  open(sealed: SealedSecret, binding: SecretBinding): string;
}

const aad = (b: SecretBinding) =>
  Buffer.from(`s3keys:v1\0${b.accountId}\0${b.regionId}\0${b.accessKeyId}`, 'utf8');

/** A sealer for a 32-byte master key. */
export function createSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== 32) throw new Error('s3keys: the master key must be 32 bytes');
  const kid = createHash('sha256').update(masterKey).digest('hex').slice(0, 12);
  return {
    kid,
    seal(secret, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: 16 });
      cipher.setAAD(aad(binding));
      const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return {
        kid,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ct: ct.toString('base64'),
      };
    },
    open(sealed, binding) {
      if (sealed.kid !== kid) {
        throw new Error(
          `secret of ${binding.accessKeyId} was sealed with master key ${sealed.kid}, not the loaded ${kid}`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(sealed.iv, 'base64'), {
        authTagLength: 16,
      });
      decipher.setAAD(aad(binding));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
