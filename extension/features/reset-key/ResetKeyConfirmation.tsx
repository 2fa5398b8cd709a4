import type { KeyOperation } from '@/lib/key-operation.ts';
import { AlertIcon } from '@/ui/icons.tsx';

/** What a reset does, shown in its confirmation modal: the old pair dies at once. */
export function ResetKeyConfirmation({ operation }: { operation: Extract<KeyOperation, { kind: 'reset' }> }) {
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
    </>
  );
}
