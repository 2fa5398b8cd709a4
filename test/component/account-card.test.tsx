import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountCard } from '@/features/account/AccountCard.tsx';

afterEach(cleanup);

const me = (role: 'admin' | 'member+' | 'member') => ({
  user: { id: 'usr_1', name: 'Alice', email: 'alice@demo.example', role },
  account: { id: 'acc_1', name: 'Demo' },
  canManageKeys: role !== 'member',
});

describe('AccountCard', () => {
  it('shows who is signed in and signs out on request', () => {
    const onSignOut = vi.fn();
    render(<AccountCard me={me('admin')} companionUrl="http://127.0.0.1:8787" onSignOut={onSignOut} />);
    expect(screen.getByTestId('user-role').textContent).toBe('admin');
    expect(screen.queryByText(/need the admin or member\+ role/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalledOnce();
  });

  it('tells a member that keys need another role', () => {
    render(<AccountCard me={me('member')} companionUrl="http://127.0.0.1:8787" onSignOut={() => {}} />);
    expect(screen.getByText('S3 keys need the admin or member+ role.')).toBeTruthy();
  });
});
