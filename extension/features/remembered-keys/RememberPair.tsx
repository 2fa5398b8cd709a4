import './remembered-keys.css';
import { useState } from 'preact/hooks';
import { LockIcon } from '@/ui/icons.tsx';
import { useFocusWhen } from '@/ui/use-focus-when.ts';
import type { RememberedPair } from './local-vault.ts';
import type { RememberedKeysView } from './use-remembered-keys.ts';

/** The shortest passphrase accepted when opting in. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface RememberPairProps {
  pair: RememberedPair;
  view: RememberedKeysView;
}

/**
 * The opt-in on the secret panel: a checkbox, then the passphrase (set and confirmed the first time,
 * the store's own later; none while unlocked) and "Remember pair". Esc closes the form.
 */
export function RememberPair({ pair, view }: RememberPairProps) {
  const [open, setOpen] = useState(false);
  if (view.status === null) return null;
  if (view.pairs.some((p) => p.accessKeyId === pair.accessKeyId)) {
    return (
      <p class="remember remember--done" role="status">
        <LockIcon /> Remembered in this browser, encrypted. After the browser restarts, unlock it with your
        passphrase.
      </p>
    );
  }
  return (
    <div class="remember">
      <label class="remember__opt">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} />
        Remember this pair in this browser (encrypted)
      </label>
      {open && <RememberForm pair={pair} view={view} onCancel={() => setOpen(false)} />}
    </div>
  );
}

function RememberForm({ pair, view, onCancel }: RememberPairProps & { onCancel: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useFocusWhen<HTMLInputElement & HTMLButtonElement>(true);
  const firstTime = view.status === 'off';
  const needsPassphrase = view.status !== 'unlocked';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (firstTime && passphrase.length < MIN_PASSPHRASE_LENGTH)
      return setProblem(`Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (firstTime && passphrase !== confirmation) return setProblem('The two passphrases do not match.');
    setBusy(true);
    setProblem(null);
    try {
      const done = await view.remember(pair, needsPassphrase ? passphrase : undefined);
      if (!done) setProblem('Wrong passphrase: it is not the one your remembered pairs are encrypted with.');
    } catch (error) {
      setProblem(`The pair could not be remembered: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="remember__form"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onCancel())}
    >
      {needsPassphrase && (
        <>
          <label for="remember-passphrase">
            {firstTime ? 'Set a passphrase' : 'Passphrase of your remembered pairs'}
          </label>
          <input
            id="remember-passphrase"
            ref={first}
            type="password"
            autocomplete={firstTime ? 'new-password' : 'current-password'}
            required
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </>
      )}
      {firstTime && (
        <>
          <label for="remember-confirm">Confirm passphrase</label>
          <input
            id="remember-confirm"
            type="password"
            autocomplete="new-password"
            required
            value={confirmation}
            onInput={(e) => setConfirmation(e.currentTarget.value)}
          />
        </>
      )}
      <p class="field-hint">
        {firstTime
          ? `At least ${MIN_PASSPHRASE_LENGTH} characters. Pairs are encrypted with it and locked whenever the browser starts; a forgotten passphrase cannot be recovered.`
          : 'Encrypted with the passphrase of your remembered pairs; locked again when the browser starts.'}
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button
        type="submit"
        class="button button--primary"
        disabled={busy}
        ref={needsPassphrase ? undefined : first}
      >
        {busy ? 'Encrypting…' : 'Remember pair'}
      </button>
    </form>
  );
}
