import './key-list.css';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import type { Region, RegionCheck } from '#shared/api';
import { markOnce, REGION_LIST_MARK } from '@/lib/perf.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { ShieldIcon } from '@/ui/icons.tsx';
import { RegionCard } from './RegionCard.tsx';

export interface KeyListProps {
  snapshot: RegionSnapshot;
  checking: boolean;
  onCreate: (region: Region) => void;
  onReset: (region: Region) => void;
  /** The region whose card takes the focus (after Hide secret of its new pair). */
  focusRegion?: string | null;
  /** Extra content for a region's card, from other features. */
  renderExtra?: (region: Region) => ComponentChildren;
  /** After how many days a card asks for a rotation; null: never. */
  rotationReminderDays?: number | null;
}

/** Every region of the account with its key, and the hint that a reset (not a delete) replaces a pair. */
export function KeyList({
  snapshot,
  checking,
  onCreate,
  onReset,
  focusRegion = null,
  renderExtra,
  rotationReminderDays = null,
}: KeyListProps) {
  useLayoutEffect(() => markOnce(REGION_LIST_MARK), []);
  const checks = new Map<string, RegionCheck>(snapshot.checks.map((c) => [c.id, c]));
  if (snapshot.regions.length === 0) {
    return (
      <p class="empty">
        No regions are set up in your account yet. Ask an admin of {snapshot.me.account.name} to add one.
      </p>
    );
  }
  return (
    <>
      <ul class="regions" aria-label="Regions" data-testid="region-list">
        {snapshot.regions.map((region) => (
          <RegionCard
            key={region.id}
            region={region}
            check={checks.get(region.id)}
            checking={checking}
            userId={snapshot.me.user.id}
            onCreate={onCreate}
            onReset={onReset}
            focus={region.id === focusRegion}
            rotationReminderDays={rotationReminderDays}
          >
            {renderExtra?.(region)}
          </RegionCard>
        ))}
      </ul>
      <p class="hint">
        <ShieldIcon size={14} /> Keys are never deleted. If a pair is compromised, reset it: the old pair
        stops working at once.
      </p>
    </>
  );
}
