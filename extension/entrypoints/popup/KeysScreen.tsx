import type { ComponentChildren } from 'preact';
import type { Region } from '#shared/api';
import { KeyList } from '@/features/key-list/KeyList.tsx';
import { MemberNotice } from '@/features/key-list/MemberNotice.tsx';
import { RefreshProblem } from '@/features/key-list/RefreshProblem.tsx';
import { useRegionList } from '@/features/key-list/use-region-list.ts';
import { KeyOperationDialog } from '@/features/key-operation/KeyOperationDialog.tsx';
import { UnfinishedOperation } from '@/features/key-operation/UnfinishedOperation.tsx';
import { useKeyOperation } from '@/features/key-operation/use-key-operation.ts';
import { RememberedKeysLock } from '@/features/remembered-keys/RememberedKeysLock.tsx';
import { useRememberedKeys } from '@/features/remembered-keys/use-remembered-keys.ts';
import { SecretPanel } from '@/features/reveal-secret/SecretPanel.tsx';
import { CompanionError, type CompanionClient } from '@/lib/companion-client.ts';
import type { KeyOperation, KeyOperationOutcome } from '@/lib/key-operation.ts';
import { hideSecret, type PendingSecret } from '@/lib/pending-secret.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { lastOperation, pendingSecret } from '@/lib/state.ts';
import { useStoredValue } from '@/lib/use-stored-value.ts';
import { Spinner } from '@/ui/Spinner.tsx';
import { RegionPairActions, SecretPairActions } from './PairActions.tsx';
import type { PopupAutofill } from './popup-autofill.ts';
import { PopupHeader } from './PopupHeader.tsx';

export interface KeysScreenProps {
  client: CompanionClient;
  initialSnapshot: RegionSnapshot | null;
  initialSecret: PendingSecret | null;
  runOperation: (operation: KeyOperation) => Promise<KeyOperationOutcome>;
  onUnauthorized: (problem: CompanionError) => void;
  onOpenSettings: () => void;
  autofill: PopupAutofill;
}

/** The signed-in popup: the pending secret if there is one, else the region list with its create and reset dialogs. */
export function KeysScreen({
  client,
  initialSnapshot,
  initialSecret,
  runOperation,
  onUnauthorized,
  onOpenSettings,
  autofill,
}: KeysScreenProps) {
  const list = useRegionList({ client, initial: initialSnapshot, onUnauthorized });
  const secret = useStoredValue(pendingSecret, initialSecret);
  const unfinished = useStoredValue(lastOperation, null);
  const keyOperation = useKeyOperation({
    run: runOperation,
    onUnauthorized,
    onSuccess: () => void list.refresh(),
  });
  const { snapshot, problem } = list;
  const remembered = useRememberedKeys(autofill.remembered);

  const operationFor = (kind: KeyOperation['kind'], region: Region) =>
    keyOperation.open(
      kind === 'create' || !region.key
        ? {
            kind: 'create',
            region: region.id,
            regionName: region.name,
            endpoint: region.endpoint,
            bucket: region.bucket,
          }
        : {
            kind: 'reset',
            region: region.id,
            regionName: region.name,
            endpoint: region.endpoint,
            bucket: region.bucket,
            accessKeyId: region.key.accessKeyId,
          },
    );

  let body: ComponentChildren;
  if (secret) {
    const hide = () => void hideSecret().then(() => Promise.all([list.refresh(), remembered.reload()]));
    body = (
      <SecretPanel secret={secret} onHide={hide}>
        <SecretPairActions secret={secret} autofill={autofill} remembered={remembered} />
      </SecretPanel>
    );
  } else if (!snapshot) {
    body = problem ? (
      <RefreshProblem
        problem={problem}
        stale={false}
        onRetry={list.refresh}
        onOpenSettings={onOpenSettings}
      />
    ) : (
      <p class="loading" role="status">
        <Spinner /> Loading your regions…
      </p>
    );
  } else if (!snapshot.me.canManageKeys) {
    body = <MemberNotice me={snapshot.me} />;
  } else {
    body = (
      <>
        {problem && (
          <RefreshProblem problem={problem} stale onRetry={list.refresh} onOpenSettings={onOpenSettings} />
        )}
        {unfinished && !keyOperation.dialog && (
          <UnfinishedOperation
            record={unfinished}
            onRetry={() => keyOperation.open(unfinished.operation, unfinished.failure)}
            onDismiss={() => void lastOperation.removeValue()}
          />
        )}
        <RememberedKeysLock view={remembered} />
        <KeyList
          snapshot={snapshot}
          checking={list.checking}
          onCreate={(region) => operationFor('create', region)}
          onReset={(region) => operationFor('reset', region)}
          renderExtra={(region) => (
            <RegionPairActions region={region} autofill={autofill} remembered={remembered} />
          )}
        />
      </>
    );
  }

  return (
    <>
      <div class="screen" inert={!!keyOperation.dialog}>
        <PopupHeader
          me={snapshot?.me}
          fetchedAt={snapshot?.fetchedAt}
          refreshing={list.refreshing}
          onRefresh={list.refresh}
          onOpenSettings={onOpenSettings}
        />
        <div class="content">{body}</div>
      </div>
      {keyOperation.dialog && (
        <KeyOperationDialog
          state={keyOperation.dialog}
          onConfirm={keyOperation.confirm}
          onCancel={keyOperation.cancel}
          onRefresh={() => {
            keyOperation.cancel();
            void list.refresh();
          }}
          onSignIn={() =>
            onUnauthorized(
              new CompanionError(
                401,
                'unauthorized',
                'The companion no longer accepts your token. Sign in again.',
              ),
            )
          }
        />
      )}
    </>
  );
}
