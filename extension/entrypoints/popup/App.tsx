import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { describeFailure, type CompanionError } from '@/lib/companion-error.ts';
import type { KeyOperation, KeyOperationOutcome } from '@/lib/key-operation.ts';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import type { PopupParams } from '@/lib/popup-params.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import type { Connection } from '@/lib/settings.ts';
import { SignIn } from '@/features/sign-in/SignIn.tsx';
import { KeysScreen, type PopupClient } from './KeysScreen.tsx';
import type { PopupAutofill } from './popup-autofill.ts';
import { PopupHeader } from './PopupHeader.tsx';

/** What the popup works with; show-popup.tsx passes the real ones, tests pass fakes. */
export interface PopupDeps {
  /** Saves a connection that worked, forgetting what an earlier user left. */
  signIn: (connection: Connection) => Promise<void>;
  /** Forgets the token and everything learnt with it. */
  signOut: () => Promise<void>;
  /** A client of `connection`, which may still be being read. */
  clientFor: (connection: Connection | Promise<Connection>) => PopupClient;
  runOperation: (operation: KeyOperation) => Promise<KeyOperationOutcome>;
  openSettings: () => void;
  /** Fill into page, remembered pairs, where keys are used. */
  autofill: PopupAutofill;
  /** Host access and the companion probe, for Connect. */
  access: CompanionAccess;
}

/** What was read before the first render, so it needs no loading state. */
export interface PopupStart {
  /**
   * The saved connection, or its read still under way when the first render did not wait: a stored list
   * says the user is signed in, so the keys show at once.
   */
  connection: Connection | null | Promise<Connection | null>;
  secret: PendingSecret | null;
  snapshot: RegionSnapshot | null;
  params: PopupParams;
}

type Screen =
  | { kind: 'sign-in'; problem?: string; url?: string }
  | { kind: 'keys'; connection: Connection | Promise<Connection> };

/** Picks the screen: the first-run sign-in until a token works, then the keys. */
export function App({ start, deps }: { start: PopupStart; deps: PopupDeps }) {
  const [screen, setScreen] = useState<Screen>(() => firstScreen(start.connection));
  const client = useMemo(() => (screen.kind === 'keys' ? deps.clientFor(screen.connection) : null), [screen]);
  useEffect(() => {
    // A stored list without a saved connection (storage cleared behind the popup's back): sign in.
    if (start.connection instanceof Promise)
      void start.connection.then((saved) => saved || setScreen({ kind: 'sign-in' }));
  }, []);

  const signedOut = async (problem: CompanionError) => {
    const url = screen.kind === 'keys' ? (await screen.connection).url : undefined;
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

function firstScreen(connection: PopupStart['connection']): Screen {
  if (!(connection instanceof Promise))
    return connection ? { kind: 'keys', connection } : { kind: 'sign-in' };
  // Without a connection the calls never start: the effect above shows the sign-in instead.
  const saved = connection.then((found) => found ?? new Promise<never>(() => {}));
  return { kind: 'keys', connection: saved };
}
