import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Region } from '#shared/api';
// Not from the feature's index, which would bring the fill results' wording and the field scorer into the
// popup's first script (the lazy chunks that use them would import them from there).
import { pairOf } from '@/features/autofill/fillable-pair.ts';
import { KeyList } from '@/features/key-list/KeyList.tsx';
import { useRegionList } from '@/features/key-list/use-region-list.ts';
import { useKeyOperation } from '@/features/key-operation/use-key-operation.ts';
import { useKeyUsage } from '@/features/reset-key/use-key-usage.ts';
import { useRememberedKeys } from '@/features/remembered-keys/use-remembered-keys.ts';
import type { CompanionClient } from '@/lib/companion-client.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import type { KeyOperation, KeyOperationOutcome } from '@/lib/key-operation.ts';
import { hideSecret, type PendingSecret } from '@/lib/pending-secret.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { lastOperation, pendingSecret, rotationReminderDays, teamResets } from '@/lib/state.ts';
import { useStoredValue } from '@/lib/use-stored-value.ts';
import { lazily } from '@/ui/lazily.tsx';
import { Spinner } from '@/ui/Spinner.tsx';
import { Toasts } from '@/ui/Toast.tsx';
import type { PopupAutofill } from './popup-autofill.ts';
import { PopupHeader } from './PopupHeader.tsx';

// What the list's first render does not show is loaded after it, so an open carries only the list: the
// dialogs, notices, the vault's lock and the cards' fill and where-used actions appear when their code is in.
const SecretPanel = lazily(() =>
  import('@/features/reveal-secret/SecretPanel.tsx').then((m) => m.SecretPanel),
);
const RememberPair = lazily(() =>
  import('@/features/remembered-keys/RememberPair.tsx').then((m) => m.RememberPair),
);
const KeyOperationDialog = lazily(() =>
  import('@/features/key-operation/KeyOperationDialog.tsx').then((m) => m.KeyOperationDialog),
);
const UnfinishedOperation = lazily(() =>
  import('@/features/key-operation/UnfinishedOperation.tsx').then((m) => m.UnfinishedOperation),
);
const RefreshProblem = lazily(() =>
  import('@/features/key-list/RefreshProblem.tsx').then((m) => m.RefreshProblem),
);
const MemberNotice = lazily(() => import('@/features/key-list/MemberNotice.tsx').then((m) => m.MemberNotice));
const RememberedKeysLock = lazily(() =>
  import('@/features/remembered-keys/RememberedKeysLock.tsx').then((m) => m.RememberedKeysLock),
);
const RegionPairActions = lazily(() => import('./PairActions.tsx').then((m) => m.RegionPairActions));
const SecretUseActions = lazily(() => import('./PairActions.tsx').then((m) => m.SecretUseActions));

/** What a click on a card may open next: fetched once the list is on screen, so it opens at once. */
const ON_CLICK = [KeyOperationDialog, SecretPanel, RememberPair];

/** What the popup asks the companion. */
export const POPUP_CALLS = ['me', 'regions', 'status', 'account', 'keyUsage'] as const;
export type PopupClient = Pick<CompanionClient, (typeof POPUP_CALLS)[number]>;

export interface KeysScreenProps {
  client: PopupClient;
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
  const resets = useStoredValue(teamResets, null);
  const reminderDays = useStoredValue(rotationReminderDays, null);
  const keyOperation = useKeyOperation({
    run: runOperation,
    onUnauthorized,
    onSuccess: () => void list.refresh(),
  });
  const { snapshot, problem } = list;
  const resetting = keyOperation.dialog?.operation;
  const usage = useKeyUsage(client.keyUsage, resetting?.kind === 'reset' ? resetting.region : null);
  const remembered = useRememberedKeys(autofill.remembered);
  useEffect(() => void Promise.all(ON_CLICK.map((component) => component.preload())), []);
  // After Hide secret, the focus goes to the card of the pair's region (its panel had the focus).
  const [focusRegion, setFocusRegion] = useState<string | null>(null);

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
  const refreshProblem = problem && snapshot && (
    <RefreshProblem
      problem={problem}
      stale={snapshot.me.canManageKeys}
      onRetry={list.refresh}
      onOpenSettings={onOpenSettings}
    />
  );
  if (secret) {
    const hide = () => {
      setFocusRegion(secret.region);
      void hideSecret().then(() => Promise.all([list.refresh(), remembered.reload()]));
    };
    body = (
      <SecretPanel
        secret={secret}
        onHide={hide}
        focusHeading={!keyOperation.dialog}
        use={<SecretUseActions secret={secret} autofill={autofill} />}
      >
        <RememberPair pair={pairOf(secret)} view={remembered} />
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
    body = (
      <>
        {refreshProblem}
        <MemberNotice me={snapshot.me} />
      </>
    );
  } else {
    body = (
      <>
        {refreshProblem}
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
          focusRegion={focusRegion}
          rotationReminderDays={reminderDays}
          renderExtra={(region) => (
            <RegionPairActions
              region={region}
              autofill={autofill}
              remembered={remembered}
              teamReset={resets?.find((r) => r.region === region.id)}
            />
          )}
        />
      </>
    );
  }

  return (
    <Toasts>
      <div class="screen" inert={!!keyOperation.dialog}>
        <PopupHeader
          me={snapshot?.me}
          fetchedAt={snapshot?.fetchedAt}
          refreshing={list.refreshing}
          failed={!!problem}
          onRefresh={list.refresh}
          onOpenSettings={onOpenSettings}
        />
        <div class="content">{body}</div>
      </div>
      {keyOperation.dialog && (
        <KeyOperationDialog
          state={keyOperation.dialog}
          usage={usage}
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
    </Toasts>
  );
}
