import { useEffect, useState } from 'preact/hooks';
import type { Me } from '#shared/api';
import { AccountCard } from '@/features/account/AccountCard.tsx';
import { KeyHistory, type KeyHistoryProps } from '@/features/key-history/KeyHistory.tsx';
import {
  RotationReminderSetting,
  type RotationReminderSettingProps,
} from '@/features/key-list/RotationReminderSetting.tsx';
import {
  TeamNoticesSettings,
  type TeamNoticesSettingsProps,
} from '@/features/team-notices/TeamNoticesSettings.tsx';
import type { CompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { SignIn } from '@/features/sign-in/SignIn.tsx';
import { describeFailure } from '@/lib/companion-error.ts';
import type { Connection } from '@/lib/settings.ts';
import { AppLogo } from '@/ui/AppLogo.tsx';
import { Notice } from '@/ui/Notice.tsx';
import { Spinner } from '@/ui/Spinner.tsx';

export interface OptionsDeps {
  whoAmI: (connection: Connection) => Promise<Me>;
  /** Saves a connection that worked, forgetting what an earlier user left. */
  signIn: (connection: Connection) => Promise<void>;
  /** Forgets the token and everything learnt with it. */
  signOut: () => Promise<void>;
  access: CompanionAccess;
  /** The audit and the regions, read with a saved connection (the history view, admins only). */
  history: (connection: Connection) => KeyHistoryProps;
  /** The account's rotation reminder, read and (admins) set with a saved connection. */
  rotationReminder: (connection: Connection) => Omit<RotationReminderSettingProps, 'editable'>;
  /** The opt-in for browser notifications of a teammate's reset. */
  notifications: TeamNoticesSettingsProps;
}

type State =
  | { kind: 'signed-out'; problem?: string }
  | { kind: 'checking'; saved: Connection }
  | { kind: 'signed-in'; saved: Connection; me: Me }
  | { kind: 'failed'; saved: Connection; problem: string };

/** The options page: sign in (companion URL and token), see who you are, sign out; admins see the key history. */
export function Options({ initial, deps }: { initial: Connection | null; deps: OptionsDeps }) {
  const [state, setState] = useState<State>(
    initial ? { kind: 'checking', saved: initial } : { kind: 'signed-out' },
  );

  useEffect(() => {
    if (state.kind !== 'checking') return;
    const { saved } = state;
    deps.whoAmI(saved).then(
      (me) => setState({ kind: 'signed-in', saved, me }),
      (error: unknown) => setState({ kind: 'failed', saved, problem: describeFailure(error) }),
    );
  }, [state]);

  const signOut = async () => {
    await deps.signOut();
    setState({ kind: 'signed-out' });
  };

  return (
    <main class="options">
      <header class="options__header">
        <AppLogo size={36} />
        <h1>S3 Keys settings</h1>
      </header>
      {state.kind === 'signed-out' && (
        <SignIn
          problem={state.problem}
          whoAmI={deps.whoAmI}
          access={deps.access}
          onConnected={async (saved, me) => {
            await deps.signIn(saved);
            setState({ kind: 'signed-in', saved, me });
          }}
        />
      )}
      {state.kind === 'checking' && (
        <p class="loading" role="status">
          <Spinner /> Checking the connection to {state.saved.url}…
        </p>
      )}
      {state.kind === 'signed-in' && (
        <AccountCard me={state.me} companionUrl={state.saved.url} onSignOut={signOut} />
      )}
      {state.kind === 'signed-in' && state.me.canManageKeys && (
        <>
          <TeamNoticesSettings {...deps.notifications} />
          <RotationReminderSetting
            {...deps.rotationReminder(state.saved)}
            editable={state.me.user.role === 'admin'}
          />
        </>
      )}
      {state.kind === 'signed-in' && state.me.user.role === 'admin' && (
        <KeyHistory {...deps.history(state.saved)} />
      )}
      {state.kind === 'failed' && (
        <Notice
          tone="danger"
          title="The saved connection does not work right now"
          actions={
            <>
              <button
                type="button"
                class="button button--primary"
                onClick={() => setState({ kind: 'checking', saved: state.saved })}
              >
                Retry
              </button>
              <button type="button" class="button button--ghost" onClick={signOut}>
                Sign out
              </button>
            </>
          }
        >
          {state.problem}
        </Notice>
      )}
    </main>
  );
}
