import type { CompanionError } from '@/lib/companion-error.ts';
import { AlertIcon, CloudOffIcon } from '@/ui/icons.tsx';
import { Notice } from '@/ui/Notice.tsx';

export interface RefreshProblemProps {
  problem: CompanionError;
  /** Whether the last known list is shown below. */
  stale: boolean;
  onRetry: () => void;
  onOpenSettings: () => void;
}

/** Why the list could not be refreshed, and the way forward: retry, or check the settings. */
export function RefreshProblem({ problem, stale, onRetry, onOpenSettings }: RefreshProblemProps) {
  const offline = problem.code === 'unreachable' || problem.code === 'timeout';
  const title = offline
    ? 'The companion is not reachable'
    : problem.status === 403
      ? 'The companion refused the request'
      : 'The list could not be refreshed';
  return (
    <Notice
      tone="danger"
      icon={offline ? CloudOffIcon : AlertIcon}
      title={title}
      actions={
        <>
          <button type="button" class="button button--primary" onClick={onRetry}>
            Retry
          </button>
          <button type="button" class="button button--ghost" onClick={onOpenSettings}>
            Settings
          </button>
        </>
      }
    >
      {problem.message}
      {stale && ' Below is the last known list.'}
    </Notice>
  );
}
