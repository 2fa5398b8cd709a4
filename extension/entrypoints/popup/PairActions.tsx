import type { Region } from '#shared/api';
import { pairOf } from '@/features/autofill/index.ts';
import { FillIntoPage } from '@/features/fill-into-page/FillIntoPage.tsx';
import { RememberPair } from '@/features/remembered-keys/RememberPair.tsx';
import type { RememberedKeysView } from '@/features/remembered-keys/use-remembered-keys.ts';
import { OldKeySites } from '@/features/where-used/OldKeySites.tsx';
import { RegionSites } from '@/features/where-used/RegionSites.tsx';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import type { PopupAutofill } from './popup-autofill.ts';

export interface SecretPairActionsProps {
  secret: PendingSecret;
  autofill: PopupAutofill;
  remembered: RememberedKeysView;
}

/** On the secret panel: fill the new pair, where the old key was used (after a reset), remember the pair. */
export function SecretPairActions({ secret, autofill, remembered }: SecretPairActionsProps) {
  const pair = pairOf(secret);
  return (
    <>
      <FillIntoPage fill={pair} regionName={secret.regionName} run={autofill.fillIntoPage} />
      {secret.replacedAccessKeyId && (
        <OldKeySites replacedAccessKeyId={secret.replacedAccessKeyId} deps={autofill} />
      )}
      <RememberPair pair={pair} view={remembered} />
    </>
  );
}

export interface RegionPairActionsProps {
  region: Region;
  autofill: PopupAutofill;
  remembered: RememberedKeysView;
}

/** On a configured region's card: "Fill into page" when its pair is remembered and unlocked, and where its key is used. */
export function RegionPairActions({ region, autofill, remembered }: RegionPairActionsProps) {
  const { key } = region;
  if (region.status !== 'CONFIGURED' || !key) return null;
  const pair = remembered.pairFor(region.id, key.accessKeyId);
  return (
    <>
      {pair && <FillIntoPage fill={pair} regionName={region.name} run={autofill.fillIntoPage} />}
      <RegionSites
        region={region.id}
        regionName={region.name}
        accessKeyId={key.accessKeyId}
        deps={autofill}
      />
    </>
  );
}
