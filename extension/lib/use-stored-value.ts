import { useEffect, useState } from 'preact/hooks';
import type { WatchedItem } from './stored-item.ts';

/** The item's value, kept current while the component is mounted; starts from `initial` so the first render need not wait. */
export function useStoredValue<T>(item: WatchedItem<T | null>, initial: T | null): T | null {
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
