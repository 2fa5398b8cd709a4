/**
 * Values in the extension origin's `localStorage`: readable synchronously before a page's first render,
 * out of reach of content scripts. Only extension pages have it (the worker does not), so the item
 * touches `localStorage` only when used.
 * @module
 */
import type { StoredItem } from './stored-item.ts';

/** A stored item that can also be read synchronously. */
export interface PageItem<T> extends StoredItem<T | null> {
  /** The value now, or null when there is none or it cannot be read. */
  read(): T | null;
}

/** A JSON value under `key` in the page's `localStorage`. */
export function definePageItem<T>(key: string, store: () => Storage = () => localStorage): PageItem<T> {
  const read = (): T | null => {
    try {
      const raw = store().getItem(key);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  };
  return {
    read,
    getValue: async () => read(),
    setValue: async (value) =>
      value === null ? store().removeItem(key) : store().setItem(key, JSON.stringify(value)),
    removeValue: async () => store().removeItem(key),
  };
}
