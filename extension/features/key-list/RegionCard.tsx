import type { ComponentChildren } from 'preact';
import type { Region, RegionCheck } from '#shared/api';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { CopyButton } from '@/ui/CopyButton.tsx';
import { KeyIcon, RefreshIcon } from '@/ui/icons.tsx';
import { useFocusWhen } from '@/ui/use-focus-when.ts';
import { describeKeyAge, keyAgeDays, rotationDue } from './key-age.ts';
import { QuickCheck } from './QuickCheck.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export interface RegionCardProps {
  region: Region;
  check: RegionCheck | undefined;
  checking: boolean;
  /** The signed-in user's id, to say "by you". */
  userId: string;
  onCreate: (region: Region) => void;
  onReset: (region: Region) => void;
  /** Moves the focus to the card (after Hide secret of its new pair, whose panel had the focus). */
  focus?: boolean;
  /** After how many days the card asks for a rotation; null: never. */
  rotationReminderDays?: number | null;
  now?: number;
  /** What other features add to the card (fill its pair into a page, where its key is used). */
  children?: ComponentChildren;
}

/** " by you", " by Bob" when the companion names the user, else " by another member". */
function byWhom(userId: string | null, name: string | undefined, myId: string): string {
  if (userId === null) return '';
  if (userId === myId) return ' by you';
  return ` by ${name ?? 'another member'}`;
}

/** One region: name, id, status, and its key (id with a copy icon, dates) with the one action that fits. */
export function RegionCard({
  region,
  check,
  checking,
  userId,
  onCreate,
  onReset,
  focus = false,
  rotationReminderDays = null,
  now = Date.now(),
  children,
}: RegionCardProps) {
  const { key } = region;
  const age = key && keyAgeDays(key.lastResetAt ?? key.createdAt, now);
  const card = useFocusWhen<HTMLLIElement>(focus);
  return (
    <li
      ref={card}
      tabIndex={-1}
      class={`region region--${region.status.toLowerCase()}`}
      aria-labelledby={`region-${region.id}`}
      data-region={region.id}
    >
      <div class="region__head">
        <div>
          <h3 class="region__name" id={`region-${region.id}`}>
            {region.name}
          </h3>
          <code class="region__id">{region.id}</code>
        </div>
        <StatusBadge status={region.status} />
      </div>
      {key && (
        <div class="region__key">
          <span class="region__key-label">Access key</span>
          <code class="region__access-key" data-testid="access-key-id">
            {key.accessKeyId}
          </code>
          <CopyButton
            value={key.accessKeyId}
            label={`Copy access key ID for ${region.name}`}
            copied={`Access key ID for ${region.name} copied`}
          />
          <p class="region__dates">
            <span title={formatDateTime(key.createdAt)}>
              Created {formatDate(key.createdAt)}
              {byWhom(key.createdBy, key.createdByName, userId)}
            </span>
            {key.lastResetAt && (
              <span title={formatDateTime(key.lastResetAt)}>
                {' · '}Reset {formatDate(key.lastResetAt)}
                {byWhom(key.lastResetBy, key.lastResetByName, userId)}
              </span>
            )}
            <span data-testid="key-age">
              {' · '}
              {describeKeyAge(age!)}
            </span>
          </p>
          {rotationDue(age!, rotationReminderDays) && (
            <p class="region__rotation" data-testid="rotation-due">
              Past the {rotationReminderDays}-day rotation reminder: reset this key and replace it where it is
              used.
            </p>
          )}
        </div>
      )}
      {region.status === 'SERVICE_UNAVAILABLE' && (
        <p class="region__note">S3 is not available for your account in this region.</p>
      )}
      <QuickCheck status={region.status} check={check} checking={checking} />
      {children}
      {region.status === 'NOT_CONFIGURED' && (
        <button type="button" class="button button--primary region__action" onClick={() => onCreate(region)}>
          <KeyIcon /> Create key<span class="sr-only"> for {region.name}</span>
        </button>
      )}
      {region.status === 'CONFIGURED' && key && (
        <button type="button" class="button button--ghost region__action" onClick={() => onReset(region)}>
          <RefreshIcon /> Reset key<span class="sr-only"> for {region.name}</span>
        </button>
      )}
    </li>
  );
}
