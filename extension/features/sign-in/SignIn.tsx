import { useState } from 'preact/hooks';
import type { Me } from '#shared/api';
import {
  connectToCompanion,
  type CompanionAccess,
} from '@/features/companion-access/connect-to-companion.ts';
import { describeFailure } from '@/lib/companion-error.ts';
import { DEFAULT_COMPANION_URL, type Connection } from '@/lib/settings.ts';

export interface SignInProps {
  /** Why the user is (back) here, e.g. a refused token. */
  problem?: string;
  /** Default: {@link DEFAULT_COMPANION_URL}. */
  initialUrl?: string;
  onConnected: (connection: Connection, me: Me) => void | Promise<void>;
  /** Asks the companion who the token belongs to (`GET /api/v1/me`). */
  whoAmI: (connection: Connection) => Promise<Me>;
  /** Host access and the companion probe that come before the token check. */
  access: CompanionAccess;
}

/**
 * Companion URL and personal access token; Connect checks the URL, asks for host access, checks that an
 * S3 Keys companion answers, then the token with `GET /api/v1/me`.
 */
export function SignIn({
  problem,
  initialUrl = DEFAULT_COMPANION_URL,
  onConnected,
  whoAmI,
  access,
}: SignInProps) {
  const [url, setUrl] = useState(initialUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(problem);

  // Not async: connectToCompanion asks for host access synchronously, while the click is being handled.
  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const signIn = async (base: string) => {
      const candidate = { url: base, token: token.trim() };
      await onConnected(candidate, await whoAmI(candidate));
    };
    connectToCompanion(url, signIn, access)
      .catch((failure: unknown) => setError(describeFailure(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form class="sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Connect to your companion</h2>
      <label for="companion-url">Companion URL</label>
      <input
        id="companion-url"
        type="url"
        required
        value={url}
        onInput={(e) => setUrl(e.currentTarget.value)}
      />
      <label for="companion-token">Personal access token</label>
      <input
        id="companion-token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        required
        aria-describedby="companion-token-hint"
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
      />
      <p id="companion-token-hint" class="field-hint">
        Issued once by your admin (<code>s3keys-companion token issue</code>). It stays in this browser
        profile, out of reach of web pages.
      </p>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button button--primary sign-in__submit" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
