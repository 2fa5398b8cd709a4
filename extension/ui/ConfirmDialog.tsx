import type { ComponentChildren } from 'preact';
import { Dialog } from './Dialog.tsx';
import { Spinner } from './Spinner.tsx';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in the user's words. */
  children: ComponentChildren;
  confirmLabel: string;
  /** Shown on the confirm button while the operation runs, e.g. "Creating…". */
  busyLabel: string;
  tone?: 'primary' | 'danger';
  busy: boolean;
  /** Why the last attempt failed and what to do; the confirm button then offers to try again. */
  problem?: ComponentChildren;
  /** Replaces the confirm button when retrying cannot help (e.g. Refresh after a conflict). */
  problemAction?: ComponentChildren;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirm → progress → (the caller closes it on success, or shows `problem`). Cancel is the safe default focus. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    title,
    children,
    confirmLabel,
    busyLabel,
    tone = 'primary',
    busy,
    problem,
    problemAction,
    onConfirm,
    onCancel,
  } = props;
  return (
    <Dialog title={title} onCancel={onCancel} busy={busy}>
      <div class="dialog__body">{children}</div>
      {problem && (
        <div class="dialog__problem" role="alert">
          {problem}
        </div>
      )}
      {busy && (
        <p class="dialog__progress" role="status">
          <Spinner /> {busyLabel} You may close the popup: the result will be waiting when you open it again.
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--ghost" onClick={onCancel} disabled={busy} data-autofocus>
          Cancel
        </button>
        {problemAction ?? (
          <button type="button" class={`button button--${tone}`} onClick={onConfirm} disabled={busy}>
            {busy ? busyLabel : problem ? 'Try again' : confirmLabel}
          </button>
        )}
      </div>
    </Dialog>
  );
}
