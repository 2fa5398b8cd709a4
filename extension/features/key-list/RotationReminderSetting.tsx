import { useEffect, useState } from 'preact/hooks';
import { type AccountSettings, ROTATION_REMINDER_MAX_DAYS } from '#shared/api';
import { describeFailure } from '@/lib/companion-error.ts';

export interface RotationReminderSettingProps {
  /** The account and its settings, from the companion. */
  load: () => Promise<AccountSettings>;
  /** Sets the account's reminder (admins only); resolves with the account as it now is. */
  save: (days: number | null) => Promise<AccountSettings>;
  /** Whether this user may change it (admins); others see it read-only. */
  editable: boolean;
}

/**
 * The account's rotation reminder: after how many days every member's cards and toolbar badge ask for a
 * key's reset. Off (empty) by default. Admins change it; a value outside 1–3650 is refused with a reason
 * and changes nothing. Everyone else sees the account's value.
 */
export function RotationReminderSetting({ load, save, editable }: RotationReminderSettingProps) {
  const [days, setDays] = useState<number | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    load().then(
      (account) => setDays(account.rotationReminderDays),
      (error: unknown) => setProblem(describeFailure(error)),
    );
  }, []);

  const submit = (text: string) => {
    const trimmed = text.trim();
    const wanted = trimmed === '' ? null : Number(trimmed);
    if (wanted !== null && (!Number.isInteger(wanted) || wanted < 1 || wanted > ROTATION_REMINDER_MAX_DAYS))
      return setProblem(
        `Enter a whole number of days from 1 to ${ROTATION_REMINDER_MAX_DAYS}, or leave it empty for off.`,
      );
    setProblem(null);
    save(wanted).then(
      (account) => setDays(account.rotationReminderDays),
      (error: unknown) => setProblem(describeFailure(error)),
    );
  };

  const summary =
    days === null
      ? 'Off. Past that age, a key’s card and the toolbar badge would say so, for everyone in the account.'
      : `On for everyone in the account: a key ${days} days old or older is flagged on its card and on the toolbar badge.`;
  return (
    <section class="card rotation-reminder" aria-labelledby="rotation-title">
      <h2 id="rotation-title">Rotation reminder</h2>
      {editable ? (
        <label>
          Remind the account to reset a key after{' '}
          <input
            type="number"
            min={1}
            max={ROTATION_REMINDER_MAX_DAYS}
            inputMode="numeric"
            class="rotation-reminder__days"
            value={days ?? ''}
            disabled={days === undefined}
            aria-describedby="rotation-help"
            onChange={(event) => submit((event.target as HTMLInputElement).value)}
          />{' '}
          days
        </label>
      ) : (
        days !== undefined && (
          <p data-testid="rotation-reminder-value">
            {days === null ? 'Off' : `${days} days`} — set by your account’s admins.
          </p>
        )
      )}
      {days !== undefined && (
        <p id="rotation-help" class="muted">
          {summary}
        </p>
      )}
      {problem && (
        <p class="rotation-reminder__problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
