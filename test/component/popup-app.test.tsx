import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, type PopupDeps, type PopupStart } from '@/entrypoints/popup/App.tsx';
import type { CompanionClient } from '@/lib/companion-client.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import type { KeyOperationOutcome } from '@/lib/key-operation.ts';
import type { Connection } from '@/lib/settings.ts';
import { connection, pendingSecret, regionSnapshot, unverifiedRegions } from '@/lib/state.ts';
import {
  clearStorage,
  check,
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

const CONNECTION: Connection = { url: 'http://127.0.0.1:8787', token: 's3k_test' };

beforeEach(clearStorage);
afterEach(cleanup);

async function renderPopup(
  over: Partial<PopupStart> & { client?: CompanionClient; runOperation?: PopupDeps['runOperation'] } = {},
) {
  const client = over.client ?? fakeClient();
  const runOperation = over.runOperation ?? vi.fn(async (): Promise<KeyOperationOutcome> => ({ ok: true }));
  const start: PopupStart = {
    connection: CONNECTION,
    secret: null,
    snapshot: null,
    params: { tabId: null },
    ...over,
  };
  const saved = await start.connection;
  if (saved) await connection.setValue(saved);
  const deps = fakePopupDeps(client, { runOperation });
  render(<App start={start} deps={deps} />);
  return { client, runOperation, deps };
}

const regionCard = (name: string) => screen.getByRole('listitem', { name });

describe('popup: sign-in', () => {
  it('when not signed in, shows the first-run sign-in; Connect saves the connection and shows the regions', async () => {
    await renderPopup({ connection: null });
    expect(screen.getByLabelText('Companion URL')).toHaveProperty('value', 'http://127.0.0.1:8787');
    fireEvent.input(screen.getByLabelText('Personal access token'), { target: { value: 's3k_new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByRole('list', { name: 'Regions' });
    expect(await connection.getValue()).toEqual({ url: 'http://127.0.0.1:8787', token: 's3k_new' });
  });

  it('when the token is refused (401), goes back to sign-in, says why and keeps the URL', async () => {
    const client = fakeClient({
      me: vi.fn(async () =>
        Promise.reject(new CompanionError(401, 'unauthorized', 'Missing or unknown token.')),
      ),
    });
    await renderPopup({ client, snapshot: snapshot() });
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringMatching(/did not accept this token/),
    );
    expect(screen.getByLabelText('Companion URL')).toHaveProperty('value', CONNECTION.url);
    expect(await connection.getValue()).toBeNull();
    expect(regionSnapshot.read()).toBeNull();
  });
});

describe('popup: region list', () => {
  it('shows the last known list at once and refreshes it in the background, visibly', async () => {
    const answer = deferred<typeof REGIONS>();
    const client = fakeClient({ regions: vi.fn(() => answer.promise) });
    await renderPopup({ client, snapshot: snapshot({ regions: [NORTH] }) });
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByTestId('sync-state').textContent).toBe('Refreshing…');
    answer.resolve(REGIONS);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(3));
    expect(screen.getByTestId('sync-state').textContent).toBe('Updated just now');
    expect(regionSnapshot.read()?.regions).toHaveLength(3);
  });

  it('without a list yet, says it is loading, then shows every region with name, id, badge, key and dates', async () => {
    await renderPopup();
    expect(screen.getByText('Loading your regions…')).toBeTruthy();
    const north = await screen.findByRole('listitem', { name: 'Demo North' });
    expect(north.textContent).toContain('demo-north-1');
    expect(north.textContent).toContain('CONFIGURED');
    expect(within(north).getByTestId('access-key-id').textContent).toBe('AKNORTH0000000000001');
    expect(within(north).getByRole('button', { name: 'Copy access key ID for Demo North' })).toBeTruthy();
    expect(north.textContent).toMatch(/Created .*2026 by you · Reset .*2026/);
    expect(regionCard('Demo South').textContent).toContain('NOT CONFIGURED');
    expect(regionCard('Demo East').textContent).toContain('S3 not available');
    expect(within(regionCard('Demo East')).queryByRole('button')).toBeNull();
    expect(screen.getByText(/Keys are never deleted\. If a pair is compromised, reset it/)).toBeTruthy();
  });

  it('fills in the quick status without holding the list back, and reports failed verification to the badge', async () => {
    const status = deferred<ReturnType<typeof check>[]>();
    await renderPopup({ client: fakeClient({ status: vi.fn(() => status.promise) }) });
    await screen.findByRole('list', { name: 'Regions' });
    expect(within(regionCard('Demo North')).getByText('Checking…')).toBeTruthy();
    status.resolve([
      check('demo-north-1', { keyVerified: false, detail: 'SignatureDoesNotMatch' }),
      check('demo-south-1', {
        endpointReachable: false,
        latencyMs: null,
        detail: 'Registry-only region: no S3 backend.',
      }),
    ]);
    await waitFor(() =>
      expect(within(regionCard('Demo North')).getByTestId('quick-check').textContent).toMatch(
        /Reachable · 42 ms · key failed verification/,
      ),
    );
    expect(within(regionCard('Demo South')).getByTestId('quick-check').textContent).toMatch(/Registry only/);
    expect(await unverifiedRegions.getValue()).toEqual(['Demo North']);
  });

  it('when the quick status fails, keeps the list usable', async () => {
    await renderPopup({ client: fakeClient({ status: vi.fn(async () => Promise.reject(unreachable())) }) });
    await screen.findByRole('list', { name: 'Regions' });
    await waitFor(() => expect(screen.queryByText('Checking…')).toBeNull());
    expect(screen.getByRole('button', { name: 'Create key for Demo South' })).toBeTruthy();
  });

  it('when the companion is unreachable and nothing is known, says so with Retry and Settings; Retry recovers', async () => {
    const regions = vi.fn().mockRejectedValueOnce(unreachable()).mockResolvedValue(REGIONS);
    const { deps } = await renderPopup({ client: fakeClient({ regions }) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /The companion is not reachable.*Cannot reach the companion at http:\/\/127\.0\.0\.1:8787/,
    );
    fireEvent.click(within(alert).getByRole('button', { name: 'Settings' }));
    expect(deps.openSettings).toHaveBeenCalled();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('list', { name: 'Regions' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the companion is unreachable, keeps showing the last known list under the message', async () => {
    await renderPopup({
      client: fakeClient({ me: vi.fn(async () => Promise.reject(unreachable())) }),
      snapshot: snapshot(),
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Below is the last known list/);
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });

  it('shows a 403 or 502 answer with the companion’s own sentence and Retry', async () => {
    const refusal = new CompanionError(502, 'internal_error', 'The companion failed; see its log.');
    await renderPopup({ client: fakeClient({ regions: vi.fn(async () => Promise.reject(refusal)) }) });
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be refreshed.*see its log/);
  });

  it('a member sees no key controls, only the sentence about roles', async () => {
    const client = fakeClient({
      me: vi.fn(async () => me('member')),
      regions: vi.fn(async () =>
        Promise.reject(new CompanionError(403, 'forbidden', 'Managing S3 keys needs…')),
      ),
    });
    await renderPopup({ client });
    await screen.findByText('S3 keys need the admin or member+ role.');
    expect(screen.queryByRole('list', { name: 'Regions' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Create key|Reset key/ })).toBeNull();
    expect(client.status).not.toHaveBeenCalled();
  });

  it('keeps ?tabId=N available for the autofill feature', async () => {
    await renderPopup({ params: { tabId: 7 }, snapshot: snapshot() });
    expect(screen.getByRole('main').dataset.tabId).toBe('7');
  });

  it('gives every button an accessible name', async () => {
    await renderPopup({ snapshot: snapshot() });
    await screen.findByRole('list', { name: 'Regions' });
    for (const button of screen.getAllByRole('button')) {
      expect((button.getAttribute('aria-label') ?? button.textContent ?? '').trim()).not.toBe('');
    }
  });
});

describe('popup: pending secret', () => {
  it('shows the pending secret instead of the list; Hide secret erases it and the list returns', async () => {
    await pendingSecret.setValue(SECRET);
    await renderPopup({ secret: SECRET, snapshot: snapshot() });
    // The panel's code is loaded when it is first shown: it appears a moment after the popup opens.
    expect(await screen.findByRole('heading', { name: 'New key for Demo South' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Regions' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Hide secret' }));
    await screen.findByRole('list', { name: 'Regions' });
    expect(await pendingSecret.getValue()).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET.secretAccessKey);
  });

  it('appears when the background worker stores it, e.g. after the popup was reopened', async () => {
    await renderPopup({ snapshot: snapshot() });
    await pendingSecret.setValue(SECRET);
    await screen.findByRole('button', { name: 'Hide secret' });
  });
});
