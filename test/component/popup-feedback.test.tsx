// The popup as issue 9 asks for it: copy toast, focus after dialogs, refresh problems for every role,
// a slow companion, and who created or reset a key.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Region } from '#shared/api';
import { SLOW_REFRESH_MS } from '@/entrypoints/popup/PopupHeader.tsx';
import { App, type PopupDeps, type PopupStart } from '@/entrypoints/popup/App.tsx';
import type { CompanionClient } from '@/lib/companion-client.ts';
import type { KeyOperationOutcome } from '@/lib/key-operation.ts';
import { pendingSecret } from '@/lib/state.ts';
import {
  clearStorage,
  deferred,
  fakeClient,
  me,
  NORTH,
  REGIONS,
  SECRET,
  snapshot,
  unreachable,
  fakePopupDeps,
} from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

function renderPopup(
  over: Partial<PopupStart> & { client?: CompanionClient; runOperation?: PopupDeps['runOperation'] } = {},
) {
  const start: PopupStart = {
    connection: { url: 'http://127.0.0.1:8787', token: 's3k_test' },
    secret: null,
    snapshot: null,
    params: { tabId: null },
    ...over,
  };
  const deps = fakePopupDeps(undefined, {
    clientFor: () => over.client ?? fakeClient(),
    runOperation: over.runOperation ?? vi.fn(async (): Promise<KeyOperationOutcome> => ({ ok: true })),
  });
  render(<App start={start} deps={deps} />);
}

const regionCard = (name: string) => screen.getByRole('listitem', { name });
const syncState = () => screen.getByTestId('sync-state').textContent;

describe('popup: copy toast', () => {
  it('copying the access key id of a region shows a toast at the top naming it, which goes away', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    renderPopup({ snapshot: snapshot() });
    fireEvent.click(screen.getByRole('button', { name: 'Copy access key ID for Demo North' }));
    expect(writeText).toHaveBeenCalledWith(NORTH.key!.accessKeyId);
    const toast = screen.getByTestId('toast');
    await waitFor(() => expect(toast.textContent).toBe('Access key ID for Demo North copied'));
    expect(toast.getAttribute('role')).toBe('status');
    await waitFor(() => expect(toast.textContent).toBe(''), { timeout: 4000 });
  });
});

describe('popup: focus after a dialog', () => {
  const confirmCreate = async () => {
    fireEvent.click(await screen.findByRole('button', { name: 'Create key for Demo South' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create key' }));
  };

  it('after a create whose pair arrives before the dialog closes, focuses the new pair’s heading', async () => {
    renderPopup({
      snapshot: snapshot(),
      runOperation: async () => {
        await pendingSecret.setValue(SECRET);
        await new Promise((r) => setTimeout(r, 20));
        return { ok: true };
      },
    });
    await confirmCreate();
    const heading = await screen.findByRole('heading', { name: 'New key for Demo South' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('after a create whose pair arrives after the dialog closed, focuses the new pair’s heading', async () => {
    renderPopup({
      snapshot: snapshot(),
      runOperation: async () => {
        setTimeout(() => void pendingSecret.setValue(SECRET), 30);
        return { ok: true };
      },
    });
    await confirmCreate();
    const heading = await screen.findByRole('heading', { name: 'New key for Demo South' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('after Hide secret, focuses the card of the pair’s region', async () => {
    await pendingSecret.setValue(SECRET);
    renderPopup({ secret: SECRET, snapshot: snapshot() });
    fireEvent.click(screen.getByRole('button', { name: 'Hide secret' }));
    await screen.findByRole('list', { name: 'Regions' });
    await waitFor(() => expect(document.activeElement).toBe(regionCard('Demo South')));
  });
});

describe('popup: refresh problems', () => {
  it('a member is told when the companion is unreachable; the header no longer says "Updated"', async () => {
    const member = snapshot({ me: me('member'), regions: [] });
    renderPopup({
      snapshot: member,
      client: fakeClient({ me: vi.fn(async () => Promise.reject(unreachable())) }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The companion is not reachable.*Cannot reach the companion/);
    // A member has no list to fall back on, so the notice does not promise one.
    expect(alert.textContent).not.toMatch(/last known list/);
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByText('S3 keys need the admin or member+ role.')).toBeTruthy();
    expect(syncState()).toBe('Not refreshed · last updated just now');
  });

  it('a frozen companion is called slow after a few seconds, and the last known list stays', async () => {
    const never = deferred<never>();
    renderPopup({ snapshot: snapshot(), client: fakeClient({ me: vi.fn(() => never.promise) }) });
    expect(syncState()).toBe('Refreshing…');
    await waitFor(() => expect(syncState()).toBe('The companion is slow to answer. Still trying…'), {
      timeout: SLOW_REFRESH_MS + 1000,
    });
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });
});

describe('popup: who created or reset a key', () => {
  const byOthers = (key: Partial<NonNullable<Region['key']>>): Region[] => [
    { ...NORTH, key: { ...NORTH.key!, ...key } },
    ...REGIONS.slice(1),
  ];

  it('names the other user when the companion gives a name', async () => {
    const regions = byOthers({ createdBy: 'usr_bob', createdByName: 'bob', lastResetByName: 'Bob' });
    renderPopup({
      snapshot: snapshot({ regions }),
      client: fakeClient({ regions: vi.fn(async () => regions) }),
    });
    expect(regionCard('Demo North').textContent).toMatch(/Created .*2026 by bob · Reset .*2026 by Bob/);
  });

  it('without a name, says "by another member", and "by you" for the signed-in user', async () => {
    const regions = byOthers({ createdBy: 'usr_alice', lastResetBy: 'usr_carol' });
    renderPopup({
      snapshot: snapshot({ regions }),
      client: fakeClient({ regions: vi.fn(async () => regions) }),
    });
    expect(regionCard('Demo North').textContent).toMatch(
      /Created .*2026 by you · Reset .*2026 by another member/,
    );
  });
});
