import { isWebOrigin } from './where-used-deps.ts';

export interface SiteListProps {
  origins: string[];
  openOrigin: (origin: string) => void;
  /** Names the list, e.g. "Sites where the old key was used". */
  label: string;
}

/** Origins, each with a button that opens it in a new tab. */
export function SiteList({ origins, openOrigin, label }: SiteListProps) {
  return (
    <ul class="sites" aria-label={label}>
      {origins.map((origin) => (
        <li key={origin} class="sites__item">
          <code class="sites__origin">{origin}</code>
          {isWebOrigin(origin) && (
            <button type="button" class="button button--ghost sites__open" onClick={() => openOrigin(origin)}>
              Open<span class="sr-only"> {origin} in a new tab</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
