import type { Me } from '#shared/api';

export interface AccountCardProps {
  me: Me;
  companionUrl: string;
  onSignOut: () => void;
}

/** Who is signed in, with which role, in which account. */
export function AccountCard({ me, companionUrl, onSignOut }: AccountCardProps) {
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Signed in</h2>
      <dl>
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
      {!me.canManageKeys && <p class="muted">S3 keys need the admin or member+ role.</p>}
      <button type="button" class="secondary" onClick={onSignOut}>
        Sign out
      </button>
    </section>
  );
}
