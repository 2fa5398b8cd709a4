import { CreateKeyConfirmation } from '@/features/create-key/CreateKeyConfirmation.tsx';
import { ResetKeyConfirmation } from '@/features/reset-key/ResetKeyConfirmation.tsx';
import type { KeyUsageView } from '@/features/reset-key/use-key-usage.ts';
import { ConfirmDialog } from '@/ui/ConfirmDialog.tsx';
import { explainFailure } from './explain-failure.ts';
import type { KeyOperationDialogState } from './use-key-operation.ts';

export interface KeyOperationDialogProps {
  state: KeyOperationDialogState;
  onConfirm: () => void;
  onCancel: () => void;
  /** Closes the dialog and reloads the list (after a conflict). */
  onRefresh: () => void;
  onSignIn: () => void;
  /** A reset's pair's last use. */
  usage?: KeyUsageView | null;
}

/** The modal of a create or a reset: confirm → progress → closed on success, or the reason and the way forward. */
export function KeyOperationDialog({
  state,
  onConfirm,
  onCancel,
  onRefresh,
  onSignIn,
  usage,
}: KeyOperationDialogProps) {
  const { operation, busy, failure } = state;
  const explanation = failure && explainFailure(operation, failure);
  const forward = explanation?.next;
  const problemAction =
    forward === 'refresh' ? (
      <button type="button" class="button button--primary" onClick={onRefresh}>
        Refresh list
      </button>
    ) : forward === 'sign-in' ? (
      <button type="button" class="button button--primary" onClick={onSignIn}>
        Sign in again
      </button>
    ) : forward === 'close' ? (
      false
    ) : undefined;
  const create = operation.kind === 'create';
  return (
    <ConfirmDialog
      title={
        create ? `Create a key for ${operation.regionName}` : `Reset the key for ${operation.regionName}`
      }
      confirmLabel={create ? 'Create key' : 'Reset key'}
      busyLabel={create ? 'Creating…' : 'Resetting…'}
      tone={create ? 'primary' : 'danger'}
      busy={busy}
      problem={explanation?.message}
      problemAction={problemAction}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {operation.kind === 'create' ? (
        <CreateKeyConfirmation operation={operation} />
      ) : (
        <ResetKeyConfirmation operation={operation} usage={usage} />
      )}
    </ConfirmDialog>
  );
}
