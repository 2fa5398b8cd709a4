import type { Region } from '#shared/api';
import { pairOf } from '@/features/autofill/index.ts';
import { FillIntoPage } from '@/features/fill-into-page/FillIntoPage.tsx';
import type { RememberedKeysView } from '@/features/remembered-keys/use-remembered-keys.ts';
import { dismissTeamReset } from '@/features/team-notices/dismiss-team-reset.ts';
import { TeamResetNotice } from '@/features/team-notices/TeamResetNotice.tsx';
import type { TeamReset } from '@/features/team-notices/team-resets.ts';
import { OldKeySites } from '@/features/where-used/OldKeySites.tsx';
import { RegionSites } from '@/features/where-used/RegionSites.tsx';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import type { PopupAutofill } from './popup-autofill.ts';

export interface SecretUseActionsProps {
  secret: PendingSecret;
  autofill: PopupAutofill;
}

/** On the secret panel, right after the values: fill the new pair, and where the old key was used (after a reset). */
export function SecretUseActions({ secret, autofill }: SecretUseActionsProps) {
  return (
    <>
      <FillIntoPage
        fill={pairOf(secret)}
        regionName={secret.regionName}
        run={autofill.fillIntoPage}
        site={autofill.targetSite}
      />
      {secret.replacedAccessKeyId && (
        <OldKeySites replacedAccessKeyId={secret.replacedAccessKeyId} deps={autofill} />
      )}
    </>
  );
}

export interface RegionPairActionsProps {
  region: Region;
  autofill: PopupAutofill;
  remembered: RememberedKeysView;
  /** A teammate's reset of this region not dismissed yet. */
  teamReset?: TeamReset | undefined;
}

/**
 * On a configured region's card: a teammate's reset, "Fill into page" when its pair is remembered and
 * unlocked, and where its key is used (and the old one still is).
 */
export function RegionPairActions({ region, autofill, remembered, teamReset }: RegionPairActionsProps) {
  const { key } = region;
  if (region.status !== 'CONFIGURED' || !key) return null;
  const pair = remembered.pairFor(region.id, key.accessKeyId);
  return (
    <>
      {teamReset && <TeamResetNotice reset={teamReset} onDismiss={() => void dismissTeamReset(region.id)} />}
      {pair && (
        <FillIntoPage
          fill={pair}
          regionName={region.name}
          run={autofill.fillIntoPage}
          site={autofill.targetSite}
        />
      )}
      <RegionSites
        region={region.id}
        regionName={region.name}
        accessKeyId={key.accessKeyId}
        deps={autofill}
      />
    </>
  );
}
