/**
 * Personal access tokens: `s3k_<id>_<secret>`, 256 random bits. Only a SHA-256 hash is stored; the id
 * finds the record and the hashes are compared in constant time (a token already verified, with its text).
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

/**
 * The user a presented token belongs to, or null when it is malformed, unknown or revoked. `id` is the
 * token's id when the caller has read it already (the pattern is then not run twice).
 */
export function findTokenUser(
  storage: RegistryStorage,
  presented: string,
  id = tokenId(presented),
): Promise<User | null> {
  if (!id) return Promise.resolve(null);
  return storage
    .findToken(id)
    .then((found) =>
      found && !found.token.revokedAt && matchesHash(id, presented, found.token.hash) ? found.user : null,
    );
}

/** How many verified tokens `matchesHash` remembers (a team's active tokens fit many times over). */
const MAX_VERIFIED = 10_000;
/** Tokens whose SHA-256 matched, by id: the text presented and the stored hash it matched. */
const verified = new Map<string, { presented: string; hash: string }>();

/**
 * Whether `presented` hashes to `hash`, the stored hash of token `id`. A token seen to match before is
 * compared with its remembered text instead of hashed again: SHA-256 (OpenSSL, per request) was the
 * largest single cost of an authenticated read, about a tenth of its throughput. The record is still read
 * on every request, so a revoked token is refused at once, and a record whose hash changed is hashed again.
 * The text lives only in this process's memory, which holds the master key anyway.
 */
function matchesHash(id: string, presented: string, hash: string): boolean {
  const known = verified.get(id);
  if (known?.hash === hash && sameText(presented, known.presented)) return true;
  if (!sameText(sha256Hex(presented), hash)) return false;
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.set(id, { presented, hash });
  return true;
}

/**
 * Whether two strings of the same length are equal, in time that does not depend on where they differ (as
 * timingSafeEqual, without turning both into Buffers on every request, which cost a read about a microsecond).
 */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
