import { useEffect, useState } from 'preact/hooks';

/** A storage item that can be watched (a WXT storage item). */
export interface WatchableItem<T> {
  getValue(): Promise<T | null>;
  watch(callback: (value: T | null) => void): () => void;
}

/** The item's value, kept current while the component is mounted; starts from `initial` so the first render need not wait. */
export function useStoredValue<T>(item: WatchableItem<T>, initial: T | null): T | null {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    // A change can arrive while the first read is under way; the read is then older and must not win.
    let changed = false;
    const stop = item.watch((next) => {
      changed = true;
      setValue(next ?? null);
    });
    void item.getValue().then((current) => changed || setValue(current));
    return stop;
  }, [item]);
  return value;
}
