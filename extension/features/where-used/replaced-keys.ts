/**
 * Which access keys a reset replaced, per region, until the user says every site has the new pair.
 * With autofill's used origins, that tells the region card which sites still hold a dead key. Ids
 * only, never a secret.
 * @module
 */
import { storage } from 'wxt/utils/storage';
import { addToList } from '@/lib/list-record.ts';
import type { StoredItem } from '@/lib/stored-item.ts';

/** region id → replaced access key ids, oldest first. */
export type ReplacedKeys = Record<string, string[]>;

/** The replaced keys per region, in `storage.local` (ids only). */
export const replacedKeysItem = storage.defineItem<ReplacedKeys>('local:whereUsedReplacedKeys', {
  fallback: {},
  version: 1,
});

/** Notes that a reset in `region` replaced `accessKeyId`. */
export function recordReplacedKey(
  region: string,
  accessKeyId: string,
  store: StoredItem<ReplacedKeys> = replacedKeysItem,
): Promise<void> {
  return addToList(store, region, accessKeyId);
}

/** Forgets the replaced keys of `region` (the user updated every site). */
export async function clearReplacedKeys(
  region: string,
  store: StoredItem<ReplacedKeys> = replacedKeysItem,
): Promise<void> {
  const { [region]: _gone, ...rest } = await store.getValue();
  await store.setValue(rest);
}
