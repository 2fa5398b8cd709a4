/**
 * Which access keys a reset replaced, per region, until the user says every site has the new pair.
 * With autofill's used origins, that tells the region card which sites still hold a dead key. Ids
 * only, never a secret.
 * @module
 */
import { forgetUsedOrigins } from '@/features/autofill/index.ts';
import type { KeyReplaced } from '@/lib/key-operation.ts';
import { addToList, type ListRecord } from '@/lib/list-record.ts';
import { replacedKeys } from '@/lib/state.ts';
import type { StoredItem } from '@/lib/stored-item.ts';

/** region id → replaced access key ids, oldest first. */
export type ReplacedKeys = ListRecord;

/** Notes that a reset in `region` replaced `accessKeyId` (a key-operation listener). */
export function recordReplacedKey(
  { region, accessKeyId }: KeyReplaced,
  store: StoredItem<ReplacedKeys> = replacedKeys,
): Promise<void> {
  return addToList(store, region, accessKeyId);
}

/** Forgets the replaced keys of `region` (the user updated every site). */
export async function clearReplacedKeys(
  region: string,
  store: StoredItem<ReplacedKeys> = replacedKeys,
): Promise<void> {
  const { [region]: _gone, ...rest } = await store.getValue();
  await store.setValue(rest);
}

/** The user updated every site of `region`: forgets its replaced keys and where they were used. */
export async function forgetReplacedKeys(region: string, accessKeyIds: readonly string[]): Promise<void> {
  for (const id of accessKeyIds) await forgetUsedOrigins(id);
  await clearReplacedKeys(region);
}
