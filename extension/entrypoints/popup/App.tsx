import { useEffect, useState } from 'preact/hooks';
import type { Me } from '#shared/api';
import { AccountCard } from '@/features/account/AccountCard.tsx';
import { SignIn } from '@/features/sign-in/SignIn.tsx';
import { createCompanionClient, describeFailure } from '@/lib/companion-client.ts';
import { connection, type Connection } from '@/lib/settings.ts';

type Screen =
  | { kind: 'loading' }
  | { kind: 'sign-in'; problem?: string }
  | { kind: 'signed-in'; me: Me; connection: Connection };

/** Picks the screen: sign-in until a token works, then who is signed in. */
export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const connect = async (saved: Connection | null) => {
    if (!saved) return setScreen({ kind: 'sign-in' });
    try {
      const me = await createCompanionClient(saved).me();
      setScreen({ kind: 'signed-in', me, connection: saved });
    } catch (error) {
      setScreen({ kind: 'sign-in', problem: describeFailure(error) });
    }
  };

  useEffect(() => {
    void connection.getValue().then(connect);
  }, []);

  const signOut = async () => {
    await connection.removeValue();
    setScreen({ kind: 'sign-in' });
  };

  return (
    <main class="popup">
      <header class="popup__header">
        <h1>S3 Keys</h1>
      </header>
      {screen.kind === 'loading' && <p role="status">Connecting to the companion…</p>}
      {screen.kind === 'sign-in' && (
        <SignIn
          problem={screen.problem}
          onConnected={async (saved, me) => {
            await connection.setValue(saved);
            setScreen({ kind: 'signed-in', me, connection: saved });
          }}
        />
      )}
      {screen.kind === 'signed-in' && <AccountCard me={screen.me} companionUrl={screen.connection.url} onSignOut={signOut} />}
    </main>
  );
}
