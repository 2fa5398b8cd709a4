import { useState } from 'preact/hooks';
import type { Me } from '#shared/api';
import { createCompanionClient, describeFailure } from '@/lib/companion-client.ts';
import { DEFAULT_COMPANION_URL, type Connection } from '@/lib/settings.ts';

export interface SignInProps {
  problem?: string;
  onConnected: (connection: Connection, me: Me) => void | Promise<void>;
}

/** Companion URL and personal access token; Connect checks them with `GET /api/v1/me`. */
export function SignIn({ problem, onConnected }: SignInProps) {
  const [url, setUrl] = useState(DEFAULT_COMPANION_URL);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(problem);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const candidate = { url: url.trim(), token: token.trim() };
    try {
      await onConnected(candidate, await createCompanionClient(candidate).me());
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Connect to your companion</h2>
      <label for="companion-url">Companion URL</label>
      <input id="companion-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      <label for="companion-token">Personal access token</label>
      <input id="companion-token" type="password" autocomplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
