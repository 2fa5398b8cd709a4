import { useState } from 'preact/hooks';
import type { RememberedKeysView } from './use-remembered-keys.ts';

/** Idle times the user can choose, in minutes (the default, 15, is in lib/state.ts). */
const IDLE_CHOICES = [5, 15, 60, 240];
const minutes = (m: number) => (m < 60 ? `${m} minutes` : m === 60 ? '1 hour' : `${m / 60} hours`);

/**
 * What the unlocked vault holds besides the fillable pairs: the pairs retired by a reset (anywhere),
 * items that failed to open (changed outside this browser), and the idle time after which it locks.
 */
export function VaultDetails({ view }: { view: RememberedKeysView }) {
  const retired = view.entries.flatMap((e) => (e.state === 'retired' ? [e.pair] : []));
  const unreadable = view.entries.filter((e) => e.state === 'unreadable').length;
  return (
    <>
      {retired.length > 0 && (
        <>
          <p class="vault__note">Retired (their key was reset), never filled:</p>
          <ul class="vault__list" aria-label="Retired remembered pairs">
            {retired.map((pair) => (
              <li key={pair.accessKeyId} data-testid="retired-pair">
                {pair.region}: <code>{pair.accessKeyId}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {unreadable > 0 && (
        <p class="problem" role="alert">
          {unreadable === 1 ? '1 remembered item' : `${unreadable} remembered items`} could not be opened:
          changed outside this browser (tampered with or damaged), so{' '}
          {unreadable === 1 ? 'it is' : 'they are'} refused and never filled. The other pairs opened.
        </p>
      )}
      <label class="vault__row">
        Lock after
        <select
          value={view.idleMinutes ?? undefined}
          onChange={(e) => void view.setIdleMinutes(Number(e.currentTarget.value))}
        >
          {IDLE_CHOICES.map((m) => (
            <option key={m} value={m}>
              {minutes(m)}
            </option>
          ))}
        </select>
        unused
      </label>
    </>
  );
}

/** "Forget all remembered pairs", confirmed inline: here and in the synced vault, locked or not. */
export function ForgetAll({ view }: { view: RememberedKeysView }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <button type="button" class="button button--ghost" onClick={() => setAsking(true)}>
        Forget all remembered pairs
      </button>
    );
  const forget = async () => {
    setBusy(true);
    await view.forgetAll();
    setBusy(false);
    setAsking(false);
  };
  return (
    <div class="vault__confirm" role="group" aria-label="Forget all remembered pairs?">
      <p class="vault__note">
        Forget every remembered pair in this browser and in your synced vault (your other browsers too)? The
        keys keep working; only what this extension remembers goes.
      </p>
      <div class="vault__row">
        <button type="button" class="button button--danger" disabled={busy} onClick={forget}>
          Forget all
        </button>
        <button type="button" class="button button--ghost" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
