import { useMemo, useState } from 'preact/hooks';
import type { CompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { SignIn } from '@/features/sign-in/SignIn.tsx';
import type { CompanionClient } from '@/lib/companion-client.ts';
import { describeFailure, type CompanionError } from '@/lib/companion-error.ts';
import type { KeyOperation, KeyOperationOutcome } from '@/lib/key-operation.ts';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import type { PopupParams } from '@/lib/popup-params.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import type { Connection } from '@/lib/settings.ts';
import { KeysScreen } from './KeysScreen.tsx';
import type { PopupAutofill } from './popup-autofill.ts';
import { PopupHeader } from './PopupHeader.tsx';

/** What the popup works with; main.tsx passes the real ones, tests pass fakes. */
export interface PopupDeps {
  /** Saves a connection that worked, forgetting what an earlier user left. */
  signIn: (connection: Connection) => Promise<void>;
  /** Forgets the token and everything learnt with it. */
  signOut: () => Promise<void>;
  clientFor: (connection: Connection) => CompanionClient;
  runOperation: (operation: KeyOperation) => Promise<KeyOperationOutcome>;
  openSettings: () => void;
  /** Fill into page, remembered pairs, where keys are used. */
  autofill: PopupAutofill;
  /** Host access and the companion probe, for Connect. */
  access: CompanionAccess;
}

/** What was read before the first render, so it needs no loading state. */
export interface PopupStart {
  connection: Connection | null;
  secret: PendingSecret | null;
  snapshot: RegionSnapshot | null;
  params: PopupParams;
}

type Screen = { kind: 'sign-in'; problem?: string; url?: string } | { kind: 'keys'; connection: Connection };

/** Picks the screen: the first-run sign-in until a token works, then the keys. */
export function App({ start, deps }: { start: PopupStart; deps: PopupDeps }) {
  const [screen, setScreen] = useState<Screen>(
    start.connection ? { kind: 'keys', connection: start.connection } : { kind: 'sign-in' },
  );
  const client = useMemo(() => (screen.kind === 'keys' ? deps.clientFor(screen.connection) : null), [screen]);

  const signedOut = async (problem: CompanionError) => {
    const url = screen.kind === 'keys' ? screen.connection.url : undefined;
    await deps.signOut();
    setScreen({ kind: 'sign-in', problem: describeFailure(problem), url });
  };

  return (
    <main class="popup" data-tab-id={start.params.tabId ?? undefined}>
      {screen.kind === 'keys' && client ? (
        <KeysScreen
          client={client}
          initialSnapshot={start.snapshot}
          initialSecret={start.secret}
          runOperation={deps.runOperation}
          onUnauthorized={signedOut}
          onOpenSettings={deps.openSettings}
          autofill={deps.autofill}
        />
      ) : (
        <>
          <PopupHeader onOpenSettings={deps.openSettings} />
          <div class="content">
            <p class="welcome">
              Create, copy and reset the S3 keys of your account, per region. Connect to your S3 Keys
              companion to start.
            </p>
            <SignIn
              problem={screen.kind === 'sign-in' ? screen.problem : undefined}
              initialUrl={screen.kind === 'sign-in' ? screen.url : undefined}
              whoAmI={(candidate) => deps.clientFor(candidate).me()}
              access={deps.access}
              onConnected={async (saved) => {
                await deps.signIn(saved);
                setScreen({ kind: 'keys', connection: saved });
              }}
            />
          </div>
        </>
      )}
    </main>
  );
}
