import type { RegionStatus } from '#shared/api';

const LOOK: Record<RegionStatus, { text: string; tone: string }> = {
  CONFIGURED: { text: 'CONFIGURED', tone: 'success' },
  NOT_CONFIGURED: { text: 'NOT CONFIGURED', tone: 'neutral' },
  SERVICE_UNAVAILABLE: { text: 'S3 not available', tone: 'muted' },
};

/** The region's key status as a pill. */
export function StatusBadge({ status }: { status: RegionStatus }) {
  const { text, tone } = LOOK[status];
  return <span class={`badge badge--${tone}`}>{text}</span>;
}
