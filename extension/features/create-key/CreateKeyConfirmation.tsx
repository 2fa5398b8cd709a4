import type { KeyOperation } from '@/lib/key-operation.ts';

/** What a create does, shown in its confirmation modal. */
export function CreateKeyConfirmation({
  operation,
}: {
  operation: Extract<KeyOperation, { kind: 'create' }>;
}) {
  return (
    <>
      <p>
        A new S3 key pair will be created for your account in <strong>{operation.regionName}</strong>{' '}
        <code>({operation.region})</code>.
      </p>
      <p class="muted">
        The secret key is shown once, right after this step. Have a safe place ready to save it.
      </p>
    </>
  );
}
