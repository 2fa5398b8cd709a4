import { useEffect, useState } from 'preact/hooks';
import { CheckIcon, CopyIcon } from './icons.tsx';
import { useToast } from './Toast.tsx';

export interface CopyButtonProps {
  /** Copied to the clipboard on click. */
  value: string;
  /** The accessible name, e.g. "Copy access key ID". */
  label: string;
  /** The toast after a copy, naming what was copied, e.g. "Access key ID copied". */
  copied: string;
  /** Shown beside the icon; icon only when absent. */
  text?: string;
  /** Default: the system clipboard. */
  copy?: (value: string) => Promise<void>;
}

/** How long the icon shows a check mark after a copy. */
const DONE_MS = 1800;

/** Copies `value` and says so in a toast (seen and heard); a failed copy says what to do instead. */
export function CopyButton({
  value,
  label,
  copied,
  text,
  copy = (v) => navigator.clipboard.writeText(v),
}: CopyButtonProps) {
  const toast = useToast();
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(false), DONE_MS);
    return () => clearTimeout(timer);
  }, [done]);

  const onClick = () =>
    copy(value).then(
      () => {
        setDone(true);
        toast(copied);
      },
      () => toast('Copy failed: select the text and copy it by hand', 'danger'),
    );
  const Glyph = done ? CheckIcon : CopyIcon;
  return (
    <button
      type="button"
      class={text ? 'button button--ghost' : `icon-button${done ? ' icon-button--done' : ''}`}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <Glyph />
      {text && <span>{text}</span>}
    </button>
  );
}
