import { useState } from 'preact/hooks';
import type { WatchedItem } from '@/lib/stored-item.ts';
import { useStoredValue } from '@/lib/use-stored-value.ts';

/** The longest reminder that can be set: ten years. */
const MAX_DAYS = 3650;

/**
 * The rotation reminder: after how many days a pair's card and the toolbar badge ask for a reset.
 * Off (empty) by default. A value outside 1–3650 is refused with a reason and changes nothing.
 */
export function RotationReminderSetting({ item }: { item: WatchedItem<number | null> }) {
  const saved = useStoredValue(item, null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setProblem(null);
      return void item.setValue(null);
    }
    const days = Number(trimmed);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      return setProblem(`Enter a whole number of days from 1 to ${MAX_DAYS}, or leave it empty for off.`);
    setProblem(null);
    void item.setValue(days);
  };
  return (
    <section class="card rotation-reminder" aria-labelledby="rotation-title">
      <h2 id="rotation-title">Rotation reminder</h2>
      <label>
        Remind me to reset a key after{' '}
        <input
          type="number"
          min={1}
          max={MAX_DAYS}
          inputMode="numeric"
          class="rotation-reminder__days"
          value={saved ?? ''}
          aria-describedby="rotation-help"
          onChange={(event) => save((event.target as HTMLInputElement).value)}
        />{' '}
        days
      </label>
      <p id="rotation-help" class="muted">
        {saved === null
          ? 'Off. In this browser, past that age a key’s card and the toolbar badge will say so.'
          : `On: in this browser, a key ${saved} days old or older is flagged on its card and on the toolbar badge.`}
      </p>
      {problem && (
        <p class="rotation-reminder__problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
