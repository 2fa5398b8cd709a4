import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Options, type OptionsDeps } from '@/entrypoints/options/Options.tsx';
import type { CompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import type { Connection } from '@/lib/settings.ts';
import { connection, signIn, signOut } from '@/lib/state.ts';
import {
  clearStorage,
  fakeAccess,
  fakeHistory,
  fakeNotifications,
  fakeRotationReminder,
  me,
  unreachable,
} from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

const SAVED: Connection = { url: 'http://127.0.0.1:8787', token: 's3k_saved' };

function renderOptions(
  initial: Connection | null,
  whoAmI: OptionsDeps['whoAmI'] = async () => me(),
  access: Partial<CompanionAccess> = {},
) {
  const deps: OptionsDeps = {
    whoAmI: vi.fn(whoAmI),
    signIn: vi.fn(signIn),
    signOut: vi.fn(signOut),
    access: { ...fakeAccess(), ...access },
    history: () => fakeHistory(),
    notifications: fakeNotifications(),
    rotationReminder: () => fakeRotationReminder(),
  };
  render(<Options initial={initial} deps={deps} />);
  return deps;
}

function connectWith(url: string, token: string) {
  fireEvent.input(screen.getByLabelText('Companion URL'), { target: { value: url } });
  fireEvent.input(screen.getByLabelText('Personal access token'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('options page', () => {
  it('signs in: Connect shows the user, role and account and keeps the connection', async () => {
    renderOptions(null);
    fireEvent.input(screen.getByLabelText('Personal access token'), { target: { value: ' s3k_new ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByTestId('user-role')).textContent).toBe('admin');
    expect(screen.getByTestId('account-name').textContent).toBe('Demo');
    expect(await connection.getValue()).toEqual({ url: 'http://127.0.0.1:8787', token: 's3k_new' });
  });

  it('says exactly why Connect failed and stays on the form', async () => {
    renderOptions(null, async () => Promise.reject(new CompanionError(401, 'unauthorized', 'no')));
    fireEvent.input(screen.getByLabelText('Personal access token'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not accept this token/);
    expect(screen.getByLabelText('Companion URL')).toBeTruthy();
  });

  it('connects to a team companion over https: asks for its host, then saves the connection', async () => {
    const deps = renderOptions(null);
    connectWith('https://keys.team.test:18788/', 's3k_team');
    await screen.findByTestId('user-role');
    expect(deps.access.request).toHaveBeenCalledWith('https://keys.team.test:18788');
    expect(await connection.getValue()).toEqual({
      url: 'https://keys.team.test:18788',
      token: 's3k_team',
    });
  });

  it('refuses an http team URL on the form: nothing is asked for or sent', async () => {
    const deps = renderOptions(null);
    connectWith('http://keys.team.test:18788', 's3k_team');
    expect((await screen.findByRole('alert')).textContent).toMatch(/only over https:\/\/.* in clear/);
    expect(deps.access.request).not.toHaveBeenCalled();
    expect(deps.access.probe).not.toHaveBeenCalled();
    expect(deps.whoAmI).not.toHaveBeenCalled();
    expect(await connection.getValue()).toBeNull();
  });

  it('says when host access was refused, and checks no token', async () => {
    const deps = renderOptions(null, undefined, { request: vi.fn(async () => false) });
    connectWith('https://keys.team.test:18788', 's3k_team');
    expect((await screen.findByRole('alert')).textContent).toMatch(/may not reach keys\.team\.test/);
    expect(deps.whoAmI).not.toHaveBeenCalled();
  });

  it('shows why no companion answers (an untrusted certificate, say) and checks no token', async () => {
    const untrusted = {
      status: 0,
      code: 'certificate_untrusted' as const,
      message: 'not trusted (SEC_ERROR_UNKNOWN_ISSUER)',
    };
    const deps = renderOptions(null, undefined, { probe: vi.fn(async () => untrusted) });
    connectWith('https://keys.team.test:18788', 's3k_team');
    expect((await screen.findByRole('alert')).textContent).toBe('not trusted (SEC_ERROR_UNKNOWN_ISSUER)');
    expect(deps.whoAmI).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
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
