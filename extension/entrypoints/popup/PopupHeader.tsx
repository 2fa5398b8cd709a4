import type { Me } from '#shared/api';
import { formatAge } from '@/lib/format.ts';
import { IconButton } from '@/ui/IconButton.tsx';
import { AppLogo } from '@/ui/AppLogo.tsx';
import { RefreshIcon, SettingsIcon } from '@/ui/icons.tsx';

export interface PopupHeaderProps {
  me?: Me;
  /** When the list was last fetched; absent before the first list. */
  fetchedAt?: string;
  refreshing?: boolean;
  onRefresh?: () => void;
  onOpenSettings: () => void;
}

/** Title, who is signed in, and the refresh state: a moving bar and "Refreshing…" while it runs. */
export function PopupHeader({
  me,
  fetchedAt,
  refreshing = false,
  onRefresh,
  onOpenSettings,
}: PopupHeaderProps) {
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
        <p class="header__sync" role="status" data-testid="sync-state">
          {refreshing ? 'Refreshing…' : fetchedAt ? `Updated ${formatAge(fetchedAt)}` : ''}
        </p>
      )}
      <div class={`progress${refreshing ? ' progress--on' : ''}`} aria-hidden="true" />
    </header>
  );
}
