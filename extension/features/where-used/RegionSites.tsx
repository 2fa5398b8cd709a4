import './where-used.css';
import { useState } from 'preact/hooks';
import { replacedKeys } from '@/lib/state.ts';
import { useStoredValue } from '@/lib/use-stored-value.ts';
import { forgetReplacedKeys } from './replaced-keys.ts';
import { SiteList } from './SiteList.tsx';
import { useUsedOrigins } from './use-used-origins.ts';
import type { WhereUsedDeps } from './where-used-deps.ts';

export interface RegionSitesProps {
  region: string;
  regionName: string;
  accessKeyId: string;
  deps: WhereUsedDeps;
}

/**
 * On a region card: "Used on N sites" for the current key (a disclosure), and the sites an old key
 * went to that have not had the current one yet, until the user says they are done.
 */
export function RegionSites({ region, regionName, accessKeyId, deps }: RegionSitesProps) {
  const [open, setOpen] = useState(false);
  // Keys of this region that resets replaced, whose sites may still need the new pair.
  const replacedAccessKeyIds = useStoredValue(replacedKeys, null)?.[region] ?? [];
  const current = useUsedOrigins([accessKeyId]);
  const old = useUsedOrigins(replacedAccessKeyIds);
  const stale = old?.filter((origin) => !current?.includes(origin)) ?? [];
  const listId = `sites-${region}`;
  const count = (n: number) => (n === 1 ? '1 site' : `${n} sites`);
  return (
    <>
      {stale.length > 0 && (
        <div class="where-used where-used--stale" data-testid="stale-sites">
          <p class="where-used__title">
            {count(stale.length)} still {stale.length === 1 ? 'has' : 'have'} the old key
          </p>
          <SiteList
            origins={stale}
            openOrigin={deps.openOrigin}
            label={`Sites with the old key of ${regionName}`}
          />
          <button
            type="button"
            class="button button--ghost where-used__done"
            onClick={() => void forgetReplacedKeys(region, replacedAccessKeyIds)}
          >
            Done<span class="sr-only">: every site of {regionName} has the new pair</span>
          </button>
        </div>
      )}
      {current && current.length > 0 && (
        <div class="where-used where-used--plain">
          <button
            type="button"
            class="link-button"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
          >
            Used on {count(current.length)}
            <span class="sr-only"> ({regionName})</span>
          </button>
          <div id={listId} hidden={!open}>
            <SiteList
              origins={current}
              openOrigin={deps.openOrigin}
              label={`Sites where the key of ${regionName} is used`}
            />
          </div>
        </div>
      )}
    </>
  );
}
