import type { Me } from '#shared/api';
import { formatAge } from '@/lib/format.ts';
import { IconButton } from '@/ui/IconButton.tsx';
import { AppLogo } from '@/ui/AppLogo.tsx';
import { RefreshIcon, SettingsIcon } from '@/ui/icons.tsx';
import { useTakingLong } from '@/ui/use-taking-long.ts';

/** After this long, "Refreshing…" becomes "slow to answer": the companion's own reads take well under a second. */
export const SLOW_REFRESH_MS = 3000;

export interface PopupHeaderProps {
  me?: Me;
  /** When the list was last fetched; absent before the first list. */
  fetchedAt?: string;
  refreshing?: boolean;
  /** The last refresh failed (the notice below says why); the list shown is the last known one. */
  failed?: boolean;
  onRefresh?: () => void;
  onOpenSettings: () => void;
}

/**
 * Title, who is signed in, and the refresh state: a moving bar and "Refreshing…" while it runs, "slow to
 * answer" when it takes long, and "Not refreshed" after a failure, so a stale age never reads as fresh.
 */
export function PopupHeader({
  me,
  fetchedAt,
  refreshing = false,
  failed = false,
  onRefresh,
  onOpenSettings,
}: PopupHeaderProps) {
  const slow = useTakingLong(refreshing, SLOW_REFRESH_MS);
  const age = fetchedAt && formatAge(fetchedAt);
  const sync = refreshing
    ? slow
      ? 'The companion is slow to answer. Still trying…'
      : 'Refreshing…'
    : failed
      ? `Not refreshed${age ? ` · last updated ${age}` : ''}`
      : age
        ? `Updated ${age}`
        : '';
  return (
    <header class="header">
      <div class="header__row">
        <AppLogo size={30} />
        <div class="header__titles">
          <h1 class="header__title">S3 Keys</h1>
          {me && (
            <p class="header__who" data-testid="who">
              {me.user.name} · {me.user.role} · {me.account.name}
            </p>
          )}
        </div>
        {onRefresh && (
          <IconButton
            label="Refresh"
            icon={RefreshIcon}
            class={refreshing ? 'is-spinning' : ''}
            onClick={onRefresh}
            disabled={refreshing}
          />
        )}
        <IconButton label="Settings" icon={SettingsIcon} onClick={onOpenSettings} />
      </div>
      {onRefresh && (
        <p
          class={`header__sync${(refreshing ? slow : failed) ? ' header__sync--problem' : ''}`}
          role="status"
          data-testid="sync-state"
        >
          {sync}
        </p>
      )}
      <div class={`progress${refreshing ? ' progress--on' : ''}`} aria-hidden="true" />
    </header>
  );
}
