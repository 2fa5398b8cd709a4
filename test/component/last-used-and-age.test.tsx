import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyUsage } from '#shared/api';
import { App } from '@/entrypoints/popup/App.tsx';
import { RotationReminderSetting } from '@/features/key-list/RotationReminderSetting.tsx';
import { describeLastUsed } from '@/features/reset-key/last-used.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import {
  clearStorage,
  deferred,
  fakeClient,
  fakeRotationReminder,
  NORTH,
  snapshot,
  unreachable,
  fakePopupDeps,
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

function renderPopup(keyUsage: (region: string) => Promise<KeyUsage>, reminderDays: number | null = null) {
  const client = fakeClient({
    keyUsage: vi.fn(keyUsage),
    account: vi.fn(async () => ({ id: 'acc_demo', name: 'Demo', rotationReminderDays: reminderDays })),
  });
  const deps = fakePopupDeps(client);
  const connection = { url: 'http://127.0.0.1:8787', token: 's3k_test' };
  render(
    <App start={{ connection, secret: null, snapshot: snapshot(), params: { tabId: null } }} deps={deps} />,
  );
  return client;
}

const openReset = () => {
  fireEvent.click(screen.getByRole('button', { name: 'Reset key for Demo North' }));
  // The dialog's code loads on demand: it shows once that is in.
  return screen.findByRole('dialog', { name: 'Reset the key for Demo North' });
};

describe('reset dialog', () => {
  it('says when the pair was last used, from the companion', async () => {
    const answer = deferred<KeyUsage>();
    const client = renderPopup(() => answer.promise);
    const dialog = await openReset();
    expect(within(dialog).getByRole('status').textContent).toMatch(/Asking the S3 service/);
    answer.resolve(usage(new Date(Math.floor(Date.now() / HOUR) * HOUR).toISOString()));
    const line = await within(dialog).findByTestId('last-used');
    expect(line.textContent).toBe('Last used: within the last hour (the S3 service logs use by the hour).');
    expect(client.keyUsage).toHaveBeenCalledWith('demo-north-1');
  });

  it('says "unknown" with the reason when the service cannot tell, or the companion cannot be asked', async () => {
    renderPopup(async () => usage(null, 'Registry-only region: no S3 service records when keys are used.'));
    expect((await within(await openReset()).findByTestId('last-used')).textContent).toBe(
      'Last used: unknown (Registry-only region: no S3 service records when keys are used.)',
    );
    cleanup();
    renderPopup(async () => {
      throw unreachable();
    });
    expect((await within(await openReset()).findByTestId('last-used')).textContent).toMatch(
      /^Last used: unknown \(Cannot reach the companion/,
    );
  });
});

describe('key age and the rotation reminder', () => {
  it('shows the age on the card; with the reminder off, no card asks for a rotation', async () => {
    const client = renderPopup(async () => usage(null, 'n/a'));
    const card = screen.getByRole('listitem', { name: 'Demo North' });
    expect(within(card).getByTestId('key-age').textContent).toMatch(/ · \d+ days old$/);
    await vi.waitFor(() => expect(client.account).toHaveBeenCalled());
    expect(within(card).queryByTestId('rotation-due')).toBeNull();
  });

  it("past the account's reminder, as the companion says it, the card asks for a rotation", async () => {
    renderPopup(async () => usage(null, 'n/a'), 1);
    const card = screen.getByRole('listitem', { name: 'Demo North' });
    expect((await within(card).findByTestId('rotation-due')).textContent).toMatch(
      /Past the 1-day rotation reminder/,
    );
  });
});

describe("the account's rotation reminder on the options page", () => {
  it('is off by default; an admin sets whole days, and anything else is refused without a request', async () => {
    const companion = fakeRotationReminder();
    render(<RotationReminderSetting load={companion.load} save={companion.save} editable />);
    expect(await screen.findByText(/^Off\./)).toBeTruthy();
    const days = screen.getByLabelText(/Remind the account to reset a key after/);
    fireEvent.change(days, { target: { value: '90' } });
    expect(await screen.findByText(/^On for everyone in the account: a key 90 days old/)).toBeTruthy();
    expect(companion.save).toHaveBeenLastCalledWith(90);
    for (const bad of ['0', '3651', '1.5']) {
      fireEvent.change(days, { target: { value: bad } });
      expect(screen.getByRole('alert').textContent).toMatch(/whole number of days from 1 to 3650/);
    }
    expect(companion.save).toHaveBeenCalledTimes(1);
    fireEvent.change(days, { target: { value: '' } });
    await vi.waitFor(() => expect(companion.save).toHaveBeenLastCalledWith(null));
    expect(await screen.findByText(/^Off\./)).toBeTruthy();
  });

  it("shows others the account's value read-only", async () => {
    const companion = fakeRotationReminder(30);
    render(<RotationReminderSetting load={companion.load} save={companion.save} editable={false} />);
    expect((await screen.findByTestId('rotation-reminder-value')).textContent).toMatch(
      /^30 days — set by your account’s admins/,
    );
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('says why when the companion refuses the change', async () => {
    const companion = fakeRotationReminder();
    companion.save.mockRejectedValueOnce(
      new CompanionError(403, 'forbidden', 'only an admin can change it.'),
    );
    render(<RotationReminderSetting load={companion.load} save={companion.save} editable />);
    await screen.findByText(/^Off\./);
    fireEvent.change(screen.getByLabelText(/Remind the account/), { target: { value: '7' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/only an admin can change it/);
  });
});
