/**
 * "Where is this key used?": per access key, the origins it was filled into (origins only, never a
 * secret), so after a reset the popup can list the pages that need the new pair.
 * @module
 */
import { addToList, type ListRecord } from '@/lib/list-record.ts';
import { usedOrigins } from '@/lib/state.ts';
import type { StoredItem } from '@/lib/stored-item.ts';

/** accessKeyId → origins, in the order first filled. */
export type UsedOrigins = ListRecord;

/** Remembers that `accessKeyId` was filled into `origin`. */
export function recordOrigin(
  accessKeyId: string,
  origin: string,
  store: StoredItem<UsedOrigins> = usedOrigins,
): Promise<void> {
  return addToList(store, accessKeyId, origin);
}

/** The origins `accessKeyId` was filled into; empty when none. */
export async function listUsedOrigins(
  accessKeyId: string,
  store: StoredItem<UsedOrigins> = usedOrigins,
): Promise<string[]> {
  return (await store.getValue())[accessKeyId] ?? [];
}

/** Forgets where `accessKeyId` was used (the user dismissed the list after updating every page). */
export async function forgetUsedOrigins(
  accessKeyId: string,
  store: StoredItem<UsedOrigins> = usedOrigins,
): Promise<void> {
  const { [accessKeyId]: _gone, ...rest } = await store.getValue();
  await store.setValue(rest);
}
