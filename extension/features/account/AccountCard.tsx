import type { Me } from '#shared/api';

export interface AccountCardProps {
  me: Me;
  companionUrl: string;
  onSignOut: () => void;
}

/** Who is signed in, with which role, in which account; Sign out forgets the token. */
export function AccountCard({ me, companionUrl, onSignOut }: AccountCardProps) {
  return (
    <section class="card account" aria-labelledby="account-title">
      <h2 id="account-title">Connected</h2>
      <dl class="account__facts">
        <dt>User</dt>
        <dd data-testid="user-name">
          {me.user.name} <span class="muted">({me.user.email})</span>
        </dd>
        <dt>Role</dt>
        <dd data-testid="user-role">{me.user.role}</dd>
        <dt>Account</dt>
        <dd data-testid="account-name">{me.account.name}</dd>
        <dt>Companion</dt>
        <dd class="muted">{companionUrl}</dd>
      </dl>
      <p class="muted">
        {me.canManageKeys
          ? 'Open S3 Keys from the toolbar to create, copy and reset your keys.'
          : 'S3 keys need the admin or member+ role.'}
      </p>
      <button type="button" class="button button--ghost" onClick={onSignOut}>
        Sign out
      </button>
    </section>
  );
}
