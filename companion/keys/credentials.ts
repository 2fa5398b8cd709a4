/**
 * Key pairs in AWS's shapes, from the crypto RNG: a 20-character access key id of A–Z0–9 and a
 * 40-character secret of the base64 alphabet.
 * @module
 */
import { randomBytes } from 'node:crypto';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function generateCredentials(): Credentials {
  return { accessKeyId: randomString(ID_ALPHABET, 20), secretAccessKey: randomString(SECRET_ALPHABET, 40) };
}

/** Uniform characters of `alphabet` (rejection sampling, so no character is favoured). */
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
