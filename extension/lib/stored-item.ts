/**
 * The one shape of a stored value in the extension: read, write, forget. A WXT storage item has it,
 * so do the private IndexedDB items and the page's `localStorage` items; tests pass {@link memoryItem}.
 * @module
 */

/** One stored value. `getValue` resolves to the item's fallback (often null) when nothing is stored. */
export interface StoredItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
}

/** A stored item whose changes can be followed (`storage.local` and `storage.session` items). */
export interface WatchedItem<T> extends StoredItem<T> {
  /** Calls `callback` with each new value; returns a function that stops watching. */
  watch(callback: (value: T) => void): () => void;
}

/** The in-memory twin of a stored item, for tests: starts at `initial`, and `removeValue` returns it to `fallback`. */
export function memoryItem<T>(fallback: T, initial: T = fallback): StoredItem<T> {
  let value = initial;
  return {
    getValue: async () => value,
    setValue: async (next) => void (value = next),
    removeValue: async () => void (value = fallback),
  };
}
