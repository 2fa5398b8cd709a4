import './where-used.css';
import { SiteList } from './SiteList.tsx';
import { useUsedOrigins } from './use-used-origins.ts';
import type { WhereUsedDeps } from './where-used-deps.ts';

export interface OldKeySitesProps {
  /** The access key the reset replaced. */
  replacedAccessKeyId: string;
  deps: WhereUsedDeps;
}

/** On the secret panel after a reset: the sites the old key was filled into, to open and fill with the new pair. */
export function OldKeySites({ replacedAccessKeyId, deps }: OldKeySitesProps) {
  const origins = useUsedOrigins([replacedAccessKeyId]);
  if (!origins || origins.length === 0) return null;
  return (
    <section class="where-used" aria-labelledby="old-key-sites-title" data-testid="old-key-sites">
      <h3 id="old-key-sites-title" class="where-used__title">
        The old key was filled into {origins.length === 1 ? '1 site' : `${origins.length} sites`}
      </h3>
      <p class="where-used__text">
        It no longer works there. Open each site and use Fill into page to give it the new pair.
      </p>
      <SiteList origins={origins} openOrigin={deps.openOrigin} label="Sites where the old key was used" />
    </section>
  );
}
