import { useEffect, useState } from 'preact/hooks';

export interface TeamNoticesSettingsProps {
  allowed: () => Promise<boolean>;
  /** Asks for (or gives back) the notifications permission; resolves with whether it is held. */
  setAllowed: (on: boolean) => Promise<boolean>;
}

/**
 * The opt-in for a browser notification when a teammate resets a key. The badge and the card say it
 * either way; the notification reaches a user who is not looking at the toolbar.
 */
export function TeamNoticesSettings({ allowed, setAllowed }: TeamNoticesSettingsProps) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => void allowed().then(setOn), []);
  return (
    <section class="card team-notices" aria-labelledby="team-notices-title">
      <h2 id="team-notices-title">Team notices</h2>
      <p class="muted">
        When a teammate resets a key of your account, the toolbar badge and the region's card say so at the
        next check (every few minutes).
      </p>
      <label>
        <input
          type="checkbox"
          checked={on === true}
          disabled={on === null}
          onChange={(event) => void setAllowed((event.target as HTMLInputElement).checked).then(setOn)}
        />{' '}
        Also show a browser notification
      </label>
    </section>
  );
}
