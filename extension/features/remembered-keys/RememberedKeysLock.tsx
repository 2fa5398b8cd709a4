import './remembered-keys.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { KeyIcon, LockIcon } from '@/ui/icons.tsx';
import { useFocusWhen } from '@/ui/use-focus-when.ts';
import type { RememberedKeysView } from './use-remembered-keys.ts';
import { ForgetAll, VaultDetails } from './VaultDetails.tsx';

/**
 * The compact lock of the remembered pairs, shown once the user opted in (here or in another browser,
 * whose vault synced here): "Unlock" asks for the passphrase inline (Esc cancels), "Lock now" forgets
 * the key until the next unlock; retired and unreadable items, the idle time, "Forget all", and why
 * the last sync failed, if it did.
 */
export function RememberedKeysLock({ view }: { view: RememberedKeysView }) {
  const [asking, setAsking] = useState(false);
  // After the form closes or "Lock now", the focus goes to the Unlock button instead of the page.
  const unlockButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (refocus.current && unlockButton.current) {
      unlockButton.current.focus();
      refocus.current = false;
    }
  });
  const closeForm = () => {
    refocus.current = true;
    setAsking(false);
  };
  if (view.status === 'locked') {
    return (
      <section class="vault" aria-label="Remembered pairs">
        {asking ? (
          <UnlockForm view={view} onDone={closeForm} />
        ) : (
          <div class="vault__row">
            <LockIcon /> <span class="vault__text">Remembered pairs are locked.</span>
            <button
              type="button"
              ref={unlockButton}
              class="button button--ghost"
              onClick={() => setAsking(true)}
            >
              Unlock<span class="sr-only"> remembered pairs</span>
            </button>
          </div>
        )}
        <ForgetAll view={view} />
        <SyncProblem view={view} />
      </section>
    );
  }
  if (view.status !== 'unlocked') return null;
  const count = view.pairs.length;
  return (
    <section class="vault vault--open" aria-label="Remembered pairs">
      <div class="vault__row">
        <KeyIcon />{' '}
        <span class="vault__text">
          Remembered pairs unlocked ({count === 1 ? '1 pair' : `${count} pairs`}).
        </span>
        <button
          type="button"
          class="button button--ghost"
          onClick={() => ((refocus.current = true), void view.lock())}
        >
          Lock now
        </button>
      </div>
      <VaultDetails view={view} />
      <ForgetAll view={view} />
      <SyncProblem view={view} />
    </section>
  );
}

function SyncProblem({ view }: { view: RememberedKeysView }) {
  return view.syncProblem ? (
    <p class="field-hint" data-testid="vault-sync-problem">
      {view.syncProblem}
    </p>
  ) : null;
}

function UnlockForm({ view, onDone }: { view: RememberedKeysView; onDone: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(false);
  const input = useFocusWhen<HTMLInputElement>(true);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const ok = await view.unlock(passphrase).catch(() => false);
    setBusy(false);
    if (ok) onDone();
    else setWrong(true);
  };
  return (
    <form
      class="vault__form"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onDone())}
    >
      <label for="vault-passphrase">Passphrase of your remembered pairs</label>
      <div class="vault__row">
        <input
          id="vault-passphrase"
          ref={input}
          type="password"
          autocomplete="current-password"
          required
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        <button type="button" class="button button--ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
      {wrong && (
        <p class="problem" role="alert">
          Wrong passphrase. Nothing was unlocked.
        </p>
      )}
    </form>
  );
}
