/**
 * Personal access tokens: `s3k_<id>_<secret>`, 256 random bits. Only a SHA-256 hash is stored; the id
 * finds the record and the hashes are compared in constant time.
 * @module
 */
import { hash, randomBytes } from 'node:crypto';
import type { Token, User } from '../storage/data.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';

const TOKEN_PATTERN = /^s3k_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

// The one-shot form, as hex: a Hash object per request, or the one-shot's Buffer output (made in C++),
// cost a read about a microsecond more each.
const sha256Hex = (text: string) => hash('sha256', text, 'hex');

/** A new token and the record to store for it. The token is returned once and never stored. */
export function mintToken(userId: string, label: string, at: string): { token: string; record: Token } {
  const id = randomBytes(8).toString('hex');
  const token = `s3k_${id}_${randomBytes(32).toString('base64url')}`;
  return {
    token,
    record: { id, userId, hash: sha256Hex(token), label, createdAt: at, revokedAt: null },
  };
}

/** The public id of a well-formed token; null when it is not shaped like one. */
export function tokenId(presented: string): string | null {
  return TOKEN_PATTERN.exec(presented)?.[1] ?? null;
}

/** The user a presented token belongs to, or null when it is malformed, unknown or revoked. */
export async function findTokenUser(storage: RegistryStorage, presented: string): Promise<User | null> {
  const id = tokenId(presented);
  if (!id) return null;
  const found = await storage.findToken(id);
  if (!found || found.token.revokedAt) return null;
  if (!sameText(sha256Hex(presented), found.token.hash)) return null;
  return found.user;
}

/**
 * Whether two hashes are equal, in time that does not depend on where they differ (as timingSafeEqual,
 * without turning both hex strings into Buffers on every request, which cost a read about a microsecond).
 */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
