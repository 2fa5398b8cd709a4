/**
 * The create/reset dialog's state: which operation, whether it runs, why it failed. The operation
 * itself runs in the background worker (see lib/key-operation.ts); on success the pending secret
 * appears through its storage item.
 * @module
 */
import { useState } from 'preact/hooks';
import { CompanionError, type Failure } from '@/lib/companion-error.ts';
import type { KeyOperation, KeyOperationOutcome } from '@/lib/key-operation.ts';

export interface KeyOperationDialogState {
  operation: KeyOperation;
  busy: boolean;
  failure: Failure | null;
}

export interface KeyOperationOptions {
  run: (operation: KeyOperation) => Promise<KeyOperationOutcome>;
  onUnauthorized: (problem: CompanionError) => void;
  /** After a create or reset succeeded (the list has changed). */
  onSuccess: () => void;
}

export function useKeyOperation({ run, onUnauthorized, onSuccess }: KeyOperationOptions) {
  const [dialog, setDialog] = useState<KeyOperationDialogState | null>(null);

  const confirm = async function confirmKeyOperation() {
    if (!dialog || dialog.busy) return;
    const { operation } = dialog;
    setDialog({ operation, busy: true, failure: null });
    const outcome = await run(operation).catch(
      (error: Error): KeyOperationOutcome => ({
        ok: false,
        failure: {
          status: 0,
          code: 'unexpected_response',
          message: `The extension's background worker did not answer (${error.message}). Try again.`,
        },
      }),
    );
    if (outcome.ok) {
      setDialog(null);
      return onSuccess();
    }
    if (outcome.failure.status === 401) {
      setDialog(null);
      return onUnauthorized(CompanionError.from(outcome.failure));
    }
    setDialog({ operation, busy: false, failure: outcome.failure });
  };

  return {
    dialog,
    /** Opens the confirmation for `operation`, optionally showing why its last attempt failed. */
    open: (operation: KeyOperation, failure: Failure | null = null) =>
      setDialog({ operation, busy: false, failure }),
    confirm,
    cancel: () => setDialog((d) => (d?.busy ? d : null)),
  };
}
