import './reveal-secret.css';
import type { ComponentChildren } from 'preact';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import { CopyButton } from '@/ui/CopyButton.tsx';
import { DownloadIcon, EyeOffIcon } from '@/ui/icons.tsx';
import { Notice } from '@/ui/Notice.tsx';
import { useFocusWhen } from '@/ui/use-focus-when.ts';
import {
  asCredentialsProfile,
  asCsvFile,
  asEnvironment,
  downloadText,
  profileName,
} from './secret-formats.ts';
import { SecretField } from './SecretField.tsx';

export interface SecretPanelProps {
  secret: PendingSecret;
  /** Erases the secret for good. */
  onHide: () => void;
  /**
   * Moves the focus to the panel's heading once true: the panel replaced the screen the user was on (and
   * with it the control that had the focus). False while a dialog above it still holds the focus.
   */
  focusHeading?: boolean;
  copy?: (value: string) => Promise<void>;
  download?: (name: string, text: string) => void;
  /** Ways to use the pair here and now (fill it into a page, where the old key was used), right after the values. */
  use?: ComponentChildren;
  /** Ways to keep the pair (remember it in this browser), after the exports and before Hide secret. */
  children?: ComponentChildren;
}

/**
 * The new pair, shown until the user clicks Hide secret. It reads in the order of the work: the values
 * with their copy icons, using the pair in a page, saving it elsewhere, keeping it here, hiding it.
 */
export function SecretPanel({
  secret,
  onHide,
  focusHeading = true,
  copy,
  download = downloadText,
  use,
  children,
}: SecretPanelProps) {
  const file = asCsvFile(secret);
  const heading = useFocusWhen<HTMLHeadingElement>(focusHeading);
  return (
    <section class="secret-panel" aria-labelledby="secret-title">
      <Notice tone="warning">
        Copy both values and save them now. Once you click Hide secret, you will not be able to view the
        secret key again.
      </Notice>
      <h2 id="secret-title" class="secret-panel__title" tabIndex={-1} ref={heading}>
        {secret.kind === 'create' ? 'New key' : 'New key after reset'} for {secret.regionName}
      </h2>
      <p class="muted secret-panel__sub">
        <code>{secret.region}</code>
        {secret.replacedAccessKeyId && (
          <>
            {' '}
            · replaces <code>{secret.replacedAccessKeyId}</code>, which no longer works
          </>
        )}
      </p>
      <SecretField label="Access key ID" value={secret.accessKeyId} copy={copy} />
      <SecretField label="Secret access key" value={secret.secretAccessKey} secret copy={copy} />
      {use}
      <p class="secret-panel__save" id="secret-save-title">
        Save the pair as
      </p>
      <div class="secret-panel__exports" role="group" aria-labelledby="secret-save-title">
        <CopyButton
          value={asEnvironment(secret)}
          label="Copy as environment variables"
          copied="Environment variables copied"
          text="Env vars"
          copy={copy}
        />
        <CopyButton
          value={asCredentialsProfile(secret)}
          label={`Copy as AWS CLI credentials profile [${profileName(secret)}]`}
          copied={`AWS CLI profile [${profileName(secret)}] copied`}
          text="AWS profile"
          copy={copy}
        />
        <button
          type="button"
          class="button button--ghost"
          onClick={() => download(file.name, file.text)}
          aria-label="Download as a CSV file"
          title={`Download ${file.name}`}
        >
          <DownloadIcon /> .csv file
        </button>
      </div>
      {children}
      <button type="button" class="button button--danger secret-panel__hide" onClick={onHide}>
        <EyeOffIcon /> Hide secret
      </button>
    </section>
  );
}
