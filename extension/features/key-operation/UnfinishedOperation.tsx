import { useEffect, useState } from 'preact/hooks';
import type { OperationRecord } from '@/lib/key-operation.ts';
import { Notice } from '@/ui/Notice.tsx';
import { Spinner } from '@/ui/Spinner.tsx';

export interface UnfinishedOperationProps {
  record: OperationRecord;
  onRetry: () => void;
  onDismiss: () => void;
  now?: () => number;
}

/** How long a create or reset may still be running before it counts as interrupted: the client's 30 s write timeout, plus a margin. */
export const STILL_RUNNING_MS = 35_000;

/** A create or reset that started but has not reported a result: still running, failed, or cut off (popup or worker closed). */
export function UnfinishedOperation({
  record,
  onRetry,
  onDismiss,
  now = Date.now,
}: UnfinishedOperationProps) {
  const left = record.startedAt + STILL_RUNNING_MS - now();
  const [running, setRunning] = useState(!record.failure && left > 0);
  useEffect(() => {
    setRunning(!record.failure && left > 0);
    if (record.failure || left <= 0) return;
    const timer = setTimeout(() => setRunning(false), left);
    return () => clearTimeout(timer);
  }, [record]);

  const { kind, regionName } = record.operation;
  if (running) {
    return (
      <Notice icon={() => <Spinner />} title={`Finishing the ${kind} for ${regionName}…`}>
        The new pair will appear here as soon as the companion answers.
      </Notice>
    );
  }
  return (
    <Notice
      tone="warning"
      title={`The ${kind} for ${regionName} did not finish.`}
      actions={
        <>
          <button type="button" class="button button--primary" onClick={onRetry}>
            Try again
          </button>
          <button type="button" class="button button--ghost" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      }
    >
      {record.failure?.message ?? 'The answer never arrived.'} Trying again is safe: it will not {kind} a
      second key.
    </Notice>
  );
}
