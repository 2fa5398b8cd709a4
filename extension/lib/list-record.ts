/**
 * A stored record of lists (key → values, oldest first), e.g. access key → origins filled into.
 * @module
 */

/** The storage seam: a WXT item in the extension, an in-memory twin in tests. */
export interface ListRecordStore {
  getValue(): Promise<Record<string, string[]>>;
  setValue(value: Record<string, string[]>): Promise<void>;
}

/** Appends `value` to the list under `key`, unless it is there already. */
export async function addToList(store: ListRecordStore, key: string, value: string): Promise<void> {
  const all = await store.getValue();
  const values = all[key] ?? [];
  if (!values.includes(value)) await store.setValue({ ...all, [key]: [...values, value] });
}
