import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent, AuditLog } from '#shared/api';
import { KeyHistory } from '@/features/key-history/KeyHistory.tsx';
import { HISTORY_PAGE_SIZE } from '@/features/key-history/use-key-history.ts';
import type { AuditQuery } from '@/lib/companion-client.ts';
import { REGIONS, unreachable } from './fixtures.ts';

afterEach(cleanup);

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  at: '2026-12-02T09:00:00.000Z',
  actor: 'usr_alice',
  actorName: 'Alice',
  action: 'key.reset',
  region: 'demo-north-1',
  accessKeyId: 'AKNORTH0000000000002',
  outcome: 'success',
  code: null,
  ...over,
});

const NEWEST: AuditEvent[] = [
  event({
    actor: 'usr_carol',
    actorName: 'Carol',
    action: 'key.create',
    accessKeyId: null,
    outcome: 'refused',
    code: 'forbidden',
  }),
  event({
    at: '2026-12-02T08:00:00.000Z',
    action: 'key.reset',
    outcome: 'failed',
    code: 'backend_unavailable',
    accessKeyId: null,
  }),
  event({ at: '2026-12-01T08:00:00.000Z', actorName: 'Bob', action: 'key.create', region: 'demo-south-1' }),
];

function renderHistory(audit: (query: AuditQuery) => Promise<AuditLog>) {
  const spy = vi.fn(audit);
  render(<KeyHistory audit={spy} regions={async () => REGIONS} />);
  return spy;
}

const rows = async () =>
  (await screen.findByTestId('history-table')).querySelectorAll('tbody tr') as NodeListOf<HTMLElement>;

describe('key history (admins, options page)', () => {
  it('lists the events newest first with who, what, region and outcome; refused and failed attempts say why', async () => {
    renderHistory(async () => ({ events: NEWEST, nextOffset: null }));
    const shown = [...(await rows())].map((row) =>
      [...row.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(shown.map((cells) => cells.slice(1))).toEqual([
      ['Carol', 'Create key', 'Demo North', 'Refused (forbidden)'],
      ['Alice', 'Reset key', 'Demo North', 'Failed (backend_unavailable)'],
      ['Bob', 'Create keyAKNORTH0000000000002', 'Demo South', 'Done'],
    ]);
    expect(screen.getByRole('button', { name: 'Older' })).toHaveProperty('disabled', true);
  });

  it('pages with Older and Newer, and asks the companion for the next offset', async () => {
    const audit = renderHistory(async ({ offset = 0 }) =>
      offset === 0
        ? { events: NEWEST, nextOffset: HISTORY_PAGE_SIZE }
        : { events: [event({ actorName: 'Dave', at: '2026-11-01T08:00:00.000Z' })], nextOffset: null },
    );
    await rows();
    expect(screen.getByRole('button', { name: 'Newer' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await screen.findByText('Dave');
    expect(audit).toHaveBeenLastCalledWith({ limit: HISTORY_PAGE_SIZE, offset: HISTORY_PAGE_SIZE });
    fireEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await screen.findByText('Carol');
    expect(audit).toHaveBeenLastCalledWith({ limit: HISTORY_PAGE_SIZE, offset: 0 });
  });

  it('filters by region from the first page', async () => {
    const audit = renderHistory(async ({ region }) => ({
      events: NEWEST.filter((e) => !region || e.region === region),
      nextOffset: null,
    }));
    await rows();
    const filter = screen.getByLabelText('Region');
    await within(filter).findByRole('option', { name: 'Demo South' });
    fireEvent.change(filter, { target: { value: 'demo-south-1' } });
    await screen.findByText('Bob');
    expect(await rows()).toHaveLength(1);
    expect(audit).toHaveBeenLastCalledWith({ limit: HISTORY_PAGE_SIZE, offset: 0, region: 'demo-south-1' });
  });

  it('says why it could not load, and Retry asks again', async () => {
    let fail = true;
    renderHistory(async () => {
      if (fail) throw unreachable();
      return { events: NEWEST, nextOffset: null };
    });
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toMatch(/could not be loaded.*Cannot reach/);
    fail = false;
    fireEvent.click(within(notice).getByRole('button', { name: 'Retry' }));
    expect(await rows()).toHaveLength(3);
  });
});
