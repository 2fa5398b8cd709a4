import { useEffect, useState } from 'preact/hooks';
import type { WhereUsedDeps } from './where-used-deps.ts';

/**
 * The origins each of `accessKeyIds` was filled into, merged without repeats, in first-use order.
 * Read again whenever `version` changes (e.g. after a fill). Null while loading.
 */
export function useUsedOrigins(
  usedOrigins: WhereUsedDeps['usedOrigins'],
  accessKeyIds: string[],
  version = 0,
): string[] | null {
  const [origins, setOrigins] = useState<string[] | null>(null);
  const ids = accessKeyIds.join(' ');
  useEffect(() => {
    let current = true;
    void Promise.all(accessKeyIds.map((id) => usedOrigins(id).catch(() => [] as string[]))).then(
      (lists) => current && setOrigins([...new Set(lists.flat())]),
    );
    return () => void (current = false);
  }, [ids, version]);
  return origins;
}
