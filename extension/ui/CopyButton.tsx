import { useEffect, useState } from 'preact/hooks';
import { CheckIcon, CopyIcon } from './icons.tsx';

export interface CopyButtonProps {
  /** Copied to the clipboard on click. */
  value: string;
  /** The accessible name, e.g. "Copy access key ID". */
  label: string;
  /** Shown beside the icon; icon only when absent. */
  text?: string;
  /** Default: the system clipboard. */
  copy?: (value: string) => Promise<void>;
}

const FEEDBACK_MS = 1800;

/** Copies `value` and says "Copied" for a moment, visibly and to screen readers. */
export function CopyButton({
  value,
  label,
  text,
  copy = (v) => navigator.clipboard.writeText(v),
}: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const onClick = () =>
    copy(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  const Glyph = state === 'copied' ? CheckIcon : CopyIcon;
  return (
    <span class="copy">
      <button
        type="button"
        class={text ? 'button button--ghost' : `icon-button${state === 'copied' ? ' icon-button--done' : ''}`}
        aria-label={label}
        title={label}
        onClick={onClick}
      >
        <Glyph />
        {text && <span>{text}</span>}
      </button>
      <span class={`copy__feedback copy__feedback--${state}`} role="status">
        {state === 'copied'
          ? 'Copied'
          : state === 'failed'
            ? 'Copy failed: select the text and copy it by hand'
            : ''}
      </span>
    </span>
  );
}
