import './reveal-secret.css';
import type { ComponentChildren } from 'preact';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import { CopyButton } from '@/ui/CopyButton.tsx';
import { DownloadIcon, EyeOffIcon } from '@/ui/icons.tsx';
import { Toast } from '@/ui/Toast.tsx';
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
  copy?: (value: string) => Promise<void>;
  download?: (name: string, text: string) => void;
  /** What other features offer for the pair (fill it into a page, remember it), shown above Hide secret. */
  children?: ComponentChildren;
}

/** The new pair, shown until the user clicks Hide secret: both values with eye and copy icons, and ways to take them along. */
export function SecretPanel({ secret, onHide, copy, download = downloadText, children }: SecretPanelProps) {
  const file = asCsvFile(secret);
  return (
    <section class="secret-panel" aria-labelledby="secret-title">
      <Toast>
        Copy both values and save them now. Once you click Hide secret, you will not be able to view the
        secret key again.
      </Toast>
      <h2 id="secret-title" class="secret-panel__title">
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
      <SecretField label="Secret access key" value={secret.secretAccessKey} masked copy={copy} />
      <p class="secret-panel__save">Save the pair as</p>
      <div class="secret-panel__exports" role="group" aria-label="Save the pair as">
        <CopyButton
          value={asEnvironment(secret)}
          label="Copy as environment variables"
          text="Env vars"
          copy={copy}
        />
        <CopyButton
          value={asCredentialsProfile(secret)}
          label={`Copy as AWS CLI credentials profile [${profileName(secret)}]`}
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
