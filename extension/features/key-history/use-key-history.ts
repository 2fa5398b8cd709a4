import { useEffect, useState } from 'preact/hooks';
import type { AuditLog } from '#shared/api';
import type { AuditQuery } from '@/lib/companion-client.ts';
import { describeFailure } from '@/lib/companion-error.ts';

/** How many events a page shows. */
export const HISTORY_PAGE_SIZE = 20;

export type HistoryPage =
  | { kind: 'loading' }
  | { kind: 'loaded'; log: AuditLog }
  | { kind: 'failed'; message: string };

/** One page of the audit for `region` (all when null) at `offset`, read again whenever either changes. */
export function useKeyHistory(
  audit: (query: AuditQuery) => Promise<AuditLog>,
  region: string | null,
  offset: number,
): { page: HistoryPage; reload: () => void } {
  const [page, setPage] = useState<HistoryPage>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setPage({ kind: 'loading' });
    audit({ limit: HISTORY_PAGE_SIZE, offset, ...(region !== null && { region }) }).then(
      (log) => current && setPage({ kind: 'loaded', log }),
      (error: unknown) => current && setPage({ kind: 'failed', message: describeFailure(error) }),
    );
    return () => {
      current = false;
    };
  }, [region, offset, attempt]);
  return { page, reload: () => setAttempt((n) => n + 1) };
}
