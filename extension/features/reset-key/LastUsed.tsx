import { formatDateTime } from '@/lib/format.ts';
import { Spinner } from '@/ui/Spinner.tsx';
import { describeLastUsed } from './last-used.ts';
import type { KeyUsageView } from './use-key-usage.ts';

/** "Last used: within the last hour", from the S3 service's usage log, or "unknown" and why. */
export function LastUsed({ view, now = Date.now() }: { view: KeyUsageView; now?: number }) {
  if (view.kind === 'loading')
    return (
      <p class="last-used" role="status">
        <Spinner /> Asking the S3 service when this pair was last used…
      </p>
    );
  if (view.kind === 'failed')
    return (
      <p class="last-used" data-testid="last-used">
        Last used: <strong>unknown</strong> ({view.message})
      </p>
    );
  const { usage } = view;
  const when = describeLastUsed(usage, now);
  const hour = usage.lastUsedHour;
  return (
    <p class="last-used" data-testid="last-used">
      Last used:{' '}
      <strong title={hour ? `in the hour from ${formatDateTime(hour)}` : undefined}>
        {when ?? 'unknown'}
      </strong>
      {when
        ? ' (the S3 service logs use by the hour).'
        : ` (${usage.detail ?? 'the S3 service cannot tell'})`}
    </p>
  );
}
