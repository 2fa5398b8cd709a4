/**
 * "Where is this key used?": per access key, the origins it was filled into (origins only, never a
 * secret), so after a reset the popup can list the pages that need the new pair.
 * @module
 */
import { storage } from 'wxt/utils/storage';
import { addToList } from '@/lib/list-record.ts';
import type { StoredItem } from '@/lib/stored-item.ts';

/** accessKeyId → origins, in the order first filled. */
export type UsedOrigins = Record<string, string[]>;

export const usedOriginsItem = storage.defineItem<UsedOrigins>('local:autofillUsedOrigins', {
  fallback: {},
  version: 1,
});

/** Remembers that `accessKeyId` was filled into `origin`. */
export function recordOrigin(
  accessKeyId: string,
  origin: string,
  store: StoredItem<UsedOrigins> = usedOriginsItem,
): Promise<void> {
  return addToList(store, accessKeyId, origin);
}

/** The origins `accessKeyId` was filled into; empty when none. */
export async function listUsedOrigins(
  accessKeyId: string,
  store: StoredItem<UsedOrigins> = usedOriginsItem,
): Promise<string[]> {
  return (await store.getValue())[accessKeyId] ?? [];
}

/** Forgets where `accessKeyId` was used (the user dismissed the list after updating every page). */
export async function forgetUsedOrigins(
  accessKeyId: string,
  store: StoredItem<UsedOrigins> = usedOriginsItem,
): Promise<void> {
  const { [accessKeyId]: _gone, ...rest } = await store.getValue();
  await store.setValue(rest);
}
