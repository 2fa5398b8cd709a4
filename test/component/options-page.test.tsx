import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Options, type OptionsDeps } from '@/entrypoints/options/Options.tsx';
import { CompanionError } from '@/lib/companion-client.ts';
import { memoryItem } from '@/lib/private-store.ts';
import type { Connection } from '@/lib/settings.ts';
import { fakeAccess, me, unreachable } from './fixtures.ts';

afterEach(cleanup);

const SAVED: Connection = { url: 'http://127.0.0.1:8787', token: 's3k_saved' };

function renderOptions(initial: Connection | null, whoAmI: OptionsDeps['whoAmI'] = async () => me()) {
  const deps: OptionsDeps = {
    connection: memoryItem(initial),
    whoAmI: vi.fn(whoAmI),
    signOut: vi.fn(async () => {}),
    access: fakeAccess(),
  };
  render(<Options initial={initial} deps={deps} />);
  return deps;
}

describe('options page', () => {
  it('signs in: Connect shows the user, role and account and keeps the connection', async () => {
    const deps = renderOptions(null);
    fireEvent.input(screen.getByLabelText('Personal access token'), { target: { value: ' s3k_new ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByTestId('user-role')).textContent).toBe('admin');
    expect(screen.getByTestId('account-name').textContent).toBe('Demo');
    expect(await deps.connection.getValue()).toEqual({ url: 'http://127.0.0.1:8787', token: 's3k_new' });
  });

  it('says exactly why Connect failed and stays on the form', async () => {
    renderOptions(null, async () => Promise.reject(new CompanionError(401, 'unauthorized', 'no')));
    fireEvent.input(screen.getByLabelText('Personal access token'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not accept this token/);
    expect(screen.getByLabelText('Companion URL')).toBeTruthy();
  });

  it('shows the saved connection and signs out', async () => {
    const deps = renderOptions(SAVED);
    await screen.findByTestId('user-name');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByLabelText('Personal access token');
    expect(deps.signOut).toHaveBeenCalledOnce();
  });

  it('when the saved connection fails, says why and offers Retry and Sign out', async () => {
    renderOptions(SAVED, async () => Promise.reject(unreachable()));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Cannot reach the companion/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('tells a member that keys need another role', async () => {
    renderOptions(SAVED, async () => me('member'));
    await screen.findByText('S3 keys need the admin or member+ role.');
  });
});
