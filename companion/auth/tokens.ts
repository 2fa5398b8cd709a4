/**
 * Personal access tokens: `s3k_<id>_<secret>`, 256 random bits. Only a SHA-256 hash is stored; the id
 * finds the record and the hashes are compared in constant time.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Data, Token, User } from '../storage/data.ts';

const TOKEN_PATTERN = /^s3k_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** A new token and the record to store for it. The token is returned once and never stored. */
export function mintToken(userId: string, label: string, at: string): { token: string; record: Token } {
  const id = randomBytes(8).toString('hex');
  const token = `s3k_${id}_${randomBytes(32).toString('base64url')}`;
  return {
    token,
    record: { id, userId, hash: sha256(token).toString('hex'), label, createdAt: at, revokedAt: null },
  };
}

/** The user a presented token belongs to, or null when it is malformed, unknown or revoked. */
export function findTokenUser(data: Data, presented: string): User | null {
  const id = TOKEN_PATTERN.exec(presented)?.[1];
  if (!id) return null;
  const record = data.tokens.find((t) => t.id === id);
  if (!record || record.revokedAt) return null;
  if (!timingSafeEqual(sha256(presented), Buffer.from(record.hash, 'hex'))) return null;
  return data.users.find((u) => u.id === record.userId) ?? null;
}
