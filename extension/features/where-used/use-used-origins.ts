import { useStoredValue } from '@/lib/use-stored-value.ts';
import { usedOrigins } from '@/lib/state.ts';

/**
 * The origins each of `accessKeyIds` was filled into, merged without repeats, in first-use order. Watches
 * the stored list, so a fill (recorded by the worker) shows at once. Null while loading.
 */
export function useUsedOrigins(accessKeyIds: string[]): string[] | null {
  const all = useStoredValue(usedOrigins, null);
  if (!all) return null;
  return [...new Set(accessKeyIds.flatMap((id) => all[id] ?? []))];
}
