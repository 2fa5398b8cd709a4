import { useEffect, useState } from 'preact/hooks';

/** True once `active` has stayed true for `afterMs`; false again as soon as it ends. */
export function useTakingLong(active: boolean, afterMs: number): boolean {
  const [long, setLong] = useState(false);
  useEffect(() => {
    setLong(false);
    if (!active) return;
    const timer = setTimeout(() => setLong(true), afterMs);
    return () => clearTimeout(timer);
  }, [active, afterMs]);
  return long;
}
