/**
 * Values only the extension's own pages and worker can read: IndexedDB of the extension origin.
 * `browser.storage.local` would also be readable by content scripts (its access level cannot be
 * restricted in Firefox), and content scripts run in web pages.
 * @module
 */
import type { StoredItem } from './stored-item.ts';

const DATABASE = 's3keys';
const STORE = 'private';
let database: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return database;
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = action(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

/** A value under `key` in the extension's private IndexedDB store; null when there is none. */
export function definePrivateItem<T>(key: string): StoredItem<T | null> {
  return {
    getValue: async () => (await run<T | undefined>('readonly', (s) => s.get(key))) ?? null,
    setValue: (value) =>
      value === null ? run('readwrite', (s) => s.delete(key)) : run('readwrite', (s) => s.put(value, key)),
    removeValue: () => run('readwrite', (s) => s.delete(key)),
  };
}
