/**
 * A stored record of lists (key → values, oldest first), e.g. access key → origins filled into.
 * @module
 */

import type { StoredItem } from './stored-item.ts';

/** key → values, oldest first. */
export type ListRecord = Record<string, string[]>;

/** Appends `value` to the list under `key`, unless it is there already. */
export async function addToList(store: StoredItem<ListRecord>, key: string, value: string): Promise<void> {
  const all = await store.getValue();
  const values = all[key] ?? [];
  if (!values.includes(value)) await store.setValue({ ...all, [key]: [...values, value] });
}
