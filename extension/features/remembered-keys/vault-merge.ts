/**
 * How two copies of one user's vault become one, without the passphrase: item by item, the higher
 * version wins (an item only moves forward: remembered → retired), on a tie the companion's copy; a
 * higher epoch (a "forget all" happened) wins outright, so a stale copy cannot bring forgotten pairs back.
 * A copy under another key (set up offline, elsewhere) cannot be merged: the companion's wins.
 * @module
 */
import type { VaultContent, VaultItem } from '#shared/vault';

/** The merge of this browser's copy and the companion's; the result is what both should hold. */
export function mergeVaults(local: VaultContent, remote: VaultContent): VaultContent {
  if (local.kdf.salt !== remote.kdf.salt || remote.epoch > local.epoch) return remote;
  if (local.epoch > remote.epoch) return { ...remote, epoch: local.epoch, items: local.items };
  const byId = new Map<string, VaultItem>(remote.items.map((item) => [item.id, item]));
  for (const item of local.items) {
    const theirs = byId.get(item.id);
    if (!theirs || item.version > theirs.version) byId.set(item.id, item);
  }
  return { ...remote, items: [...byId.values()] };
}

/** True when both hold the same epoch, key and items (each item's id, version and ciphertext). */
export function sameVault(a: VaultContent, b: VaultContent): boolean {
  if (a.epoch !== b.epoch || a.kdf.salt !== b.kdf.salt || a.items.length !== b.items.length) return false;
  const key = (item: VaultItem) => `${item.id}\0${item.version}\0${item.iv}\0${item.ciphertext}`;
  const theirs = new Set(b.items.map(key));
  return a.items.every((item) => theirs.has(key(item)));
}
