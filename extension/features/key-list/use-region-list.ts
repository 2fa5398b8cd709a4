/**
 * The region list behind the popup: starts from the last known snapshot (shown at once), refreshes
 * `/me` and `/regions` (and the account's rotation reminder) in the background, then fills in the quick
 * checks of `/status` without holding the list back. Every refresh ends, in a list or in a problem;
 * never in an endless spinner.
 * @module
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Me, Region } from '#shared/api';
import type { CompanionClient } from '@/lib/companion-client.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import { failingRegionNames } from '@/features/toolbar-badge/failing-regions.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { refreshRotationReminder } from './account-reminder.ts';
import { regionSnapshot, unverifiedRegions } from '@/lib/state.ts';

export interface RegionListState {
  snapshot: RegionSnapshot | null;
  /** `/me` and `/regions` are being fetched. */
  refreshing: boolean;
  /** `/status` is being fetched. */
  checking: boolean;
  /** Why the last refresh failed; the snapshot (if any) is then the last known list. */
  problem: CompanionError | null;
}

export interface RegionListOptions {
  client: Pick<CompanionClient, 'me' | 'regions' | 'status' | 'account'>;
  initial: RegionSnapshot | null;
  /** The token was refused (401): the popup goes back to sign-in. */
  onUnauthorized: (problem: CompanionError) => void;
}

export function useRegionList({ client, initial, onUnauthorized }: RegionListOptions) {
  const [state, setState] = useState<RegionListState>({
    snapshot: initial,
    refreshing: true,
    checking: false,
    problem: null,
  });
  const latest = useRef(state.snapshot);
  const save = (snapshot: RegionSnapshot) => {
    latest.current = snapshot;
    void regionSnapshot.setValue(snapshot);
  };

  const refresh = useCallback(
    async function refreshRegionList() {
      setState((s) => ({ ...s, refreshing: true, problem: null }));
      // Beside the list, not in its way: without an answer the cards keep the last known reminder.
      void refreshRotationReminder(client).catch(() => undefined);
      let me: Me;
      let regions: Region[];
      try {
        const regionsOrRefusal = client.regions().catch((error: unknown) => error as Error);
        me = await client.me();
        const answer = await regionsOrRefusal;
        // A member gets 403 for the regions; that is the role speaking, not a failure.
        if (answer instanceof Error && me.canManageKeys) throw answer;
        regions = answer instanceof Error ? [] : answer;
      } catch (error) {
        const problem =
          error instanceof CompanionError
            ? error
            : new CompanionError(0, 'unexpected_response', String(error));
        if (problem.status === 401) return onUnauthorized(problem);
        return setState((s) => ({ ...s, refreshing: false, problem }));
      }
      const previousChecks = latest.current?.checks ?? [];
      const snapshot: RegionSnapshot = {
        me,
        regions,
        checks: previousChecks,
        fetchedAt: new Date().toISOString(),
      };
      save(snapshot);
      setState({ snapshot, refreshing: false, checking: me.canManageKeys, problem: null });
      if (me.canManageKeys) await check(snapshot);
    },
    [client],
  );

  async function check(snapshot: RegionSnapshot) {
    try {
      const checks = await client.status();
      const next = { ...snapshot, checks };
      save(next);
      setState((s) => ({ ...s, snapshot: next, checking: false }));
      await unverifiedRegions.setValue(failingRegionNames(checks, snapshot.regions));
    } catch {
      // The quick checks are extra information: without fresh ones the list stays useful with the last ones.
      setState((s) => ({ ...s, checking: false }));
    }
  }

  useEffect(() => void refresh(), [refresh]);
  return { ...state, refresh };
}
