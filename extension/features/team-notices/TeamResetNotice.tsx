import { formatAge, formatDateTime } from '@/lib/format.ts';
import { Notice } from '@/ui/Notice.tsx';
import type { TeamReset } from './team-resets.ts';

export interface TeamResetNoticeProps {
  reset: TeamReset;
  onDismiss: () => void;
  now?: number;
}

/**
 * On a region card after a teammate's reset: who and when, and that the pair this browser knew is
 * dead. The card's where-used list below it names the sites that still hold the old pair.
 */
export function TeamResetNotice({ reset, onDismiss, now = Date.now() }: TeamResetNoticeProps) {
  return (
    <div class="team-reset" data-testid="team-reset">
      <Notice
        tone="warning"
        actions={
          <button type="button" class="button button--ghost" onClick={onDismiss}>
            Got it<span class="sr-only">: {reset.regionName} was reset</span>
          </button>
        }
      >
        <span title={formatDateTime(reset.at)}>
          Reset by {reset.by} {formatAge(reset.at, now)}
        </span>{' '}
        — the pair you used here no longer works. Replace <code>{reset.replacedAccessKeyId}</code> with the
        new pair <code>{reset.accessKeyId}</code> wherever you use it.
      </Notice>
    </div>
  );
}
