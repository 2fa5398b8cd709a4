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
  /** Seals a stored answer of a request, bound to who sent it and its Idempotency-Key. */
  sealAnswer(answer: string, binding: AnswerBinding): SealedSecret;
  openAnswer(sealed: SealedSecret, binding: AnswerBinding): string;
}

export interface AnswerBinding {
  userId: string;
  idempotencyKey: string;
}

const aad = (b: SecretBinding) =>
  Buffer.from(`s3keys:v1\0${b.accountId}\0${b.regionId}\0${b.accessKeyId}`, 'utf8');
const answerAad = (b: AnswerBinding) =>
  Buffer.from(`s3keys:answer:v1\0${b.userId}\0${b.idempotencyKey}`, 'utf8');

/** A sealer for a 32-byte master key. */
export function createSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== 32) throw new Error('s3keys: the master key must be 32 bytes');
  const kid = createHash('sha256').update(masterKey).digest('hex').slice(0, 12);
  const seal = (text: string, associated: Buffer): SealedSecret => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: 16 });
    cipher.setAAD(associated);
    const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return {
      kid,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ct: ct.toString('base64'),
    };
  };
  const open = (sealed: SealedSecret, associated: Buffer, what: string): string => {
    if (sealed.kid !== kid) {
      throw new Error(`${what} was sealed with master key ${sealed.kid}, not the loaded ${kid}`);
    }
    const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(sealed.iv, 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(associated);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  };
  return {
    kid,
    seal: (secret, binding) => seal(secret, aad(binding)),
    open: (sealed, binding) => open(sealed, aad(binding), `secret of ${binding.accessKeyId}`),
    sealAnswer: (answer, binding) => seal(answer, answerAad(binding)),
    openAnswer: (sealed, binding) => open(sealed, answerAad(binding), 'a stored answer'),
  };
}
