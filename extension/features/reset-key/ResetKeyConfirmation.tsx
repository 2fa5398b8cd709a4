import type { KeyOperation } from '@/lib/key-operation.ts';
import { AlertIcon } from '@/ui/icons.tsx';
import { LastUsed } from './LastUsed.tsx';
import type { KeyUsageView } from './use-key-usage.ts';

export interface ResetKeyConfirmationProps {
  operation: Extract<KeyOperation, { kind: 'reset' }>;
  /** When the pair was last used, so the person resetting knows what will break. */
  usage?: KeyUsageView | null;
}

/** What a reset does, shown in its confirmation modal: the old pair dies at once; and when it was last used. */
export function ResetKeyConfirmation({ operation, usage }: ResetKeyConfirmationProps) {
  return (
    <>
      <p class="warning-text">
        <AlertIcon /> The existing keys stop working immediately.
      </p>
      <p>
        The pair <code>{operation.accessKeyId}</code> in <strong>{operation.regionName}</strong> will be
        replaced by a new one. Replace it wherever it is used: scripts, servers, CI secrets,{' '}
        <code>~/.aws/credentials</code>.
      </p>
      {usage && <LastUsed view={usage} />}
    </>
  );
}
