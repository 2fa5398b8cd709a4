import './key-history.css';
import { useEffect, useState } from 'preact/hooks';
import type { AuditLog, Region } from '#shared/api';
import type { AuditQuery } from '@/lib/companion-client.ts';
import { formatDateTime } from '@/lib/format.ts';
import { Notice } from '@/ui/Notice.tsx';
import { Spinner } from '@/ui/Spinner.tsx';
import { describeAction, describeActor, describeOutcome } from './describe-event.ts';
import { HISTORY_PAGE_SIZE, useKeyHistory } from './use-key-history.ts';

export interface KeyHistoryProps {
  audit: (query: AuditQuery) => Promise<AuditLog>;
  /** The account's regions, for the filter. */
  regions: () => Promise<readonly Pick<Region, 'id' | 'name'>[]>;
}

/**
 * For admins: the account's key events from the companion's audit, newest first, a page at a time,
 * of every region or one; refused and failed attempts stand out. No secret is ever in the audit.
 */
export function KeyHistory({ audit, regions: loadRegions }: KeyHistoryProps) {
  const [regions, setRegions] = useState<readonly Pick<Region, 'id' | 'name'>[]>([]);
  // The filter lists what the companion has; without it, every region's events still show.
  useEffect(() => void loadRegions().then(setRegions, () => undefined), []);
  const [region, setRegion] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const { page, reload } = useKeyHistory(audit, region, offset);
  const names = new Map(regions.map((r) => [r.id, r.name]));
  const next = page.kind === 'loaded' ? (page.log.nextOffset ?? null) : null;
  return (
    <section class="card key-history" id="history" aria-labelledby="history-title">
      <div class="key-history__head">
        <h2 id="history-title">Key history</h2>
        <label class="key-history__filter">
          Region{' '}
          <select
            value={region ?? ''}
            onChange={(event) => {
              const value = (event.target as HTMLSelectElement).value;
              setRegion(value === '' ? null : value);
              setOffset(0);
            }}
          >
            <option value="">All regions</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {page.kind === 'loading' && (
        <p class="loading" role="status">
          <Spinner /> Loading the history…
        </p>
      )}
      {page.kind === 'failed' && (
        <Notice
          tone="danger"
          title="The history could not be loaded"
          actions={
            <button type="button" class="button button--primary" onClick={reload}>
              Retry
            </button>
          }
        >
          {page.message}
        </Notice>
      )}
      {page.kind === 'loaded' && page.log.events.length === 0 && (
        <p class="muted">{offset === 0 ? 'No key events yet.' : 'No older events.'}</p>
      )}
      {page.kind === 'loaded' && page.log.events.length > 0 && (
        <table class="key-history__table" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Region</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {page.log.events.map((event, index) => (
              <tr key={`${offset + index}`} class={`key-history__row key-history__row--${event.outcome}`}>
                <td>{formatDateTime(event.at)}</td>
                <td>{describeActor(event)}</td>
                <td>
                  {describeAction(event.action)}
                  {event.accessKeyId && <code class="key-history__key">{event.accessKeyId}</code>}
                </td>
                <td>{event.region ? (names.get(event.region) ?? event.region) : '—'}</td>
                <td>{describeOutcome(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="key-history__pages">
        <button
          type="button"
          class="button button--ghost"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - HISTORY_PAGE_SIZE))}
        >
          Newer
        </button>
        <button
          type="button"
          class="button button--ghost"
          disabled={next === null}
          onClick={() => next !== null && setOffset(next)}
        >
          Older
        </button>
      </div>
    </section>
  );
}
