/**
 * The change version of an account's pairs: a short fingerprint of which pair each region holds and
 * when and by whom it was made, so a browser can ask "did anything change?" cheaply and read the
 * regions only when it did. A hash, so it names no key.
 * @module
 */
import { createHash } from 'node:crypto';
import type { AccountRegion } from '../storage/registry-storage.ts';

/** The fingerprint of the current pairs in `regions`; it changes with every create and reset. */
export function keyChangeVersion(regions: readonly AccountRegion[]): string {
  const pairs = regions.map(({ region, key }) => [
    region.id,
    key?.accessKeyId ?? null,
    key?.lastResetAt ?? key?.createdAt ?? null,
  ]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('base64url').slice(0, 22);
}
