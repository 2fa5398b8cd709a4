import type { RegionCheck, RegionStatus } from '#shared/api';
import { formatDateTime } from '@/lib/format.ts';
import { Spinner } from '@/ui/Spinner.tsx';

export interface QuickCheckProps {
  status: RegionStatus;
  /** The region's entry of `/api/v1/status`; undefined while it loads or when it could not load. */
  check: RegionCheck | undefined;
  checking: boolean;
}

// The companion reports a region without an S3 backend as unreachable and explains it in `detail`;
// that is the region's nature, not a failure, so it gets its own calm label.
const REGISTRY_ONLY = /registry[- ]only/i;

/** One line: reachable and how fast, and whether the current key passed a real signed request. */
export function QuickCheck({ status, check, checking }: QuickCheckProps) {
  if (status === 'SERVICE_UNAVAILABLE') return null;
  if (!check) {
    return checking ? (
      <p class="check check--pending">
        <Spinner size={10} /> Checking…
      </p>
    ) : null;
  }
  const title = [check.detail, `Checked ${formatDateTime(check.checkedAt)}`].filter(Boolean).join('\n');
  if (!check.endpointReachable && check.detail && REGISTRY_ONLY.test(check.detail)) {
    return (
      <p class="check" title={title} data-testid="quick-check">
        <span class="dot dot--muted" /> Registry only: no S3 service is checked in this region
      </p>
    );
  }
  const parts = [
    check.endpointReachable
      ? `Reachable${check.latencyMs === null ? '' : ` · ${Math.round(check.latencyMs)} ms`}`
      : 'Endpoint unreachable',
  ];
  if (check.keyVerified === true) parts.push('key verified');
  if (check.keyVerified === false) parts.push('key failed verification');
  const tone = check.keyVerified === false || !check.endpointReachable ? 'danger' : 'success';
  return (
    <p class={`check check--${tone}`} title={title} data-testid="quick-check">
      <span class={`dot dot--${tone}`} /> {parts.join(' · ')}
      {tone === 'danger' && check.detail && <span class="check__detail">{check.detail}</span>}
    </p>
  );
}
