import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyUsage } from '#shared/api';
import { App, type PopupDeps } from '@/entrypoints/popup/App.tsx';
import { RotationReminderSetting } from '@/features/key-list/RotationReminderSetting.tsx';
import { describeLastUsed } from '@/features/reset-key/last-used.ts';
import { rotationReminderDays, signIn, signOut } from '@/lib/state.ts';
import {
  clearStorage,
  fakeAccess,
  fakeAutofill,
  fakeClient,
  NORTH,
  snapshot,
  unreachable,
} from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-02T10:41:00.000Z');
const usage = (lastUsedHour: string | null, detail: string | null = null): KeyUsage => ({
  region: 'demo-north-1',
  accessKeyId: NORTH.key!.accessKeyId,
  known: lastUsedHour !== null,
  lastUsedHour,
  checkedAt: new Date(NOW).toISOString(),
  detail,
});

describe('"last used" wording, at the usage log\'s one-hour precision', () => {
  it('says no more than the hour bucket tells', () => {
    expect(describeLastUsed(usage('2026-12-02T10:00:00.000Z'), NOW)).toBe('within the last hour');
    expect(describeLastUsed(usage('2026-12-02T09:00:00.000Z'), NOW)).toBe('within the last 2 hours');
    expect(describeLastUsed(usage('2026-12-01T11:00:00.000Z'), NOW)).toBe('within the last 24 hours');
    expect(describeLastUsed(usage('2026-11-29T09:00:00.000Z'), NOW)).toBe('3 days ago');
    expect(describeLastUsed(usage(null, 'Registry-only region.'), NOW)).toBeNull();
  });
});

function renderPopup(keyUsage: (region: string) => Promise<KeyUsage>) {
  const client = fakeClient({ keyUsage: vi.fn(keyUsage) });
  const deps: PopupDeps = {
    signIn,
    signOut,
    clientFor: () => client,
    runOperation: vi.fn(),
    openSettings: vi.fn(),
    autofill: fakeAutofill(),
    access: fakeAccess(),
  };
  const connection = { url: 'http://127.0.0.1:8787', token: 's3k_test' };
  render(
    <App start={{ connection, secret: null, snapshot: snapshot(), params: { tabId: null } }} deps={deps} />,
  );
  return client;
}

const openReset = () => {
  fireEvent.click(screen.getByRole('button', { name: 'Reset key for Demo North' }));
  return screen.getByRole('dialog', { name: 'Reset the key for Demo North' });
};

describe('reset dialog', () => {
  it('says when the pair was last used, from the companion', async () => {
    const client = renderPopup(async () =>
      usage(new Date(Math.floor(Date.now() / HOUR) * HOUR).toISOString()),
    );
    const dialog = openReset();
    expect(within(dialog).getByRole('status').textContent).toMatch(/Asking the S3 service/);
    const line = await within(dialog).findByTestId('last-used');
    expect(line.textContent).toBe('Last used: within the last hour (the S3 service logs use by the hour).');
    expect(client.keyUsage).toHaveBeenCalledWith('demo-north-1');
  });

  it('says "unknown" with the reason when the service cannot tell, or the companion cannot be asked', async () => {
    renderPopup(async () => usage(null, 'Registry-only region: no S3 service records when keys are used.'));
    expect((await within(openReset()).findByTestId('last-used')).textContent).toBe(
      'Last used: unknown (Registry-only region: no S3 service records when keys are used.)',
    );
    cleanup();
    renderPopup(async () => {
      throw unreachable();
    });
    expect((await within(openReset()).findByTestId('last-used')).textContent).toMatch(
      /^Last used: unknown \(Cannot reach the companion/,
    );
  });
});

describe('key age and the rotation reminder', () => {
  it('shows the age on the card, and past the reminder the card asks for a rotation', async () => {
    renderPopup(async () => usage(null, 'n/a'));
    const card = screen.getByRole('listitem', { name: 'Demo North' });
    expect(within(card).getByTestId('key-age').textContent).toMatch(/ · \d+ days old$/);
    expect(within(card).queryByTestId('rotation-due')).toBeNull();
    await rotationReminderDays.setValue(1);
    expect((await within(card).findByTestId('rotation-due')).textContent).toMatch(
      /Past the 1-day rotation reminder/,
    );
  });

  it('is off by default; the setting takes whole days and refuses anything else without changing it', async () => {
    render(<RotationReminderSetting item={rotationReminderDays} />);
    const days = screen.getByLabelText(/Remind me to reset a key after/);
    expect(screen.getByText(/^Off\./)).toBeTruthy();
    fireEvent.change(days, { target: { value: '90' } });
    await vi.waitFor(async () => expect(await rotationReminderDays.getValue()).toBe(90));
    fireEvent.change(days, { target: { value: '0' } });
    expect(screen.getByRole('alert').textContent).toMatch(/whole number of days from 1 to 3650/);
    expect(await rotationReminderDays.getValue()).toBe(90);
    fireEvent.change(days, { target: { value: '' } });
    await vi.waitFor(async () => expect(await rotationReminderDays.getValue()).toBeNull());
  });
});
