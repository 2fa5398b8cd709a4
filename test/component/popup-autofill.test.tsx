import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, type PopupStart } from '@/entrypoints/popup/App.tsx';
import type { PopupAutofill } from '@/entrypoints/popup/popup-autofill.ts';
import type { Fill } from '@/features/autofill/index.ts';
import { recordOrigin } from '@/features/autofill/used-origins.ts';
import { pendingSecret, usedOrigins } from '@/lib/state.ts';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import {
  clearStorage,
  fakeAutofill,
  fakeClient,
  memoryRememberedPairs,
  NORTH,
  SECRET,
  snapshot,
  fakePopupDeps,
} from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

function renderPopup(autofill: PopupAutofill, over: Partial<PopupStart> = {}) {
  const start: PopupStart = {
    connection: { url: 'http://127.0.0.1:8787', token: 's3k_test' },
    secret: null,
    snapshot: snapshot(),
    params: { tabId: 5 },
    ...over,
  };
  const deps = fakePopupDeps(undefined, { clientFor: () => fakeClient(), autofill });
  render(<App start={start} deps={deps} />);
}

const NORTH_PAIR = {
  accessKeyId: NORTH.key!.accessKeyId,
  secretAccessKey: 'north/Secret',
  endpoint: NORTH.endpoint,
  region: NORTH.id,
};

describe('popup: fill into page', () => {
  it('on the secret panel, names the site it would fill, fills the pending pair of its region and shows what was filled', async () => {
    await pendingSecret.setValue(SECRET);
    const autofill = fakeAutofill({ targetSite: vi.fn(async () => 'minio.example.com') });
    renderPopup(autofill, { secret: SECRET });
    expect((await screen.findByTestId('fill-target')).textContent).toBe('into minio.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Fill into page for Demo South' }));
    expect(autofill.fillIntoPage).toHaveBeenCalledWith({
      accessKeyId: SECRET.accessKeyId,
      secretAccessKey: SECRET.secretAccessKey,
      endpoint: SECRET.endpoint,
      region: SECRET.region,
    });
    expect(
      await screen.findByText(/^Filled access key ID and secret access key into http:\/\/127\.0\.0\.1:9001/),
    ).toBeTruthy();
  });

  it('after a reset, the secret panel lists where the old key was used', async () => {
    const reset: PendingSecret = { ...SECRET, kind: 'reset', replacedAccessKeyId: 'AKOLD' };
    await pendingSecret.setValue(reset);
    await usedOrigins.setValue({ AKOLD: ['https://console.example'], AKOTHER: ['https://other.example'] });
    const autofill = fakeAutofill();
    renderPopup(autofill, { secret: reset });
    const list = await screen.findByRole('list', { name: 'Sites where the old key was used' });
    fireEvent.click(within(list).getByRole('button', { name: 'Open https://console.example in a new tab' }));
    expect(autofill.openOrigin).toHaveBeenCalledWith('https://console.example');
    expect(list.textContent).not.toContain('other.example');
  });

  it('offers no Fill on a region card without an unlocked remembered pair, nor for a pair a reset elsewhere made stale', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember({ ...NORTH_PAIR, accessKeyId: 'AKSTALE' }, 'correct horse battery staple');
    renderPopup(fakeAutofill({ remembered }));
    await screen.findByText('Remembered pairs unlocked (1 pair).', undefined, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: /Fill into page/ })).toBeNull();
  });

  it('fills from a configured region card when its current pair is remembered and unlocked; the card then lists the site', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember(NORTH_PAIR, 'correct horse battery staple');
    // As the worker does after a fill that wrote the access key.
    const fillIntoPage = vi.fn(async (fill: Fill) => {
      await recordOrigin(fill.accessKeyId, 'http://127.0.0.1:9001');
      return {
        ok: true as const,
        origin: 'http://127.0.0.1:9001',
        adapter: 'minio-console',
        filled: ['accessKey' as const],
      };
    });
    const autofill = fakeAutofill({ remembered, fillIntoPage });
    renderPopup(autofill);
    const card = screen.getByRole('listitem', { name: 'Demo North' });
    fireEvent.click(
      await within(card).findByRole('button', { name: 'Fill into page for Demo North' }, { timeout: 5000 }),
    );
    expect(autofill.fillIntoPage).toHaveBeenCalledWith(NORTH_PAIR);
    expect(await within(card).findByText(/^Filled/)).toBeTruthy();
    expect(await within(card).findByRole('button', { name: /^Used on 1 site/ })).toBeTruthy();
  });
});
