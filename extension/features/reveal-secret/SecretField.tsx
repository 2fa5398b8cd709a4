import { useState } from 'preact/hooks';
import { CopyButton } from '@/ui/CopyButton.tsx';
import { EyeIcon, EyeOffIcon } from '@/ui/icons.tsx';
import { GroupedValue } from './GroupedValue.tsx';

export interface SecretFieldProps {
  /** "Access key ID", "Secret access key". */
  label: string;
  value: string;
  /** A secret starts masked and gets an eye to show it; other values are simply shown. */
  secret?: boolean;
  copy?: (value: string) => Promise<void>;
}

const MASK = '•'.repeat(24);

/** A value on its own line with a copy icon, and for a secret an eye (show or mask it). Copying never needs it shown. */
export function SecretField({ label, value, secret = false, copy }: SecretFieldProps) {
  const [masked, setMasked] = useState(secret);
  const id = label.toLowerCase().replaceAll(' ', '-');
  const noun = label[0]!.toLowerCase() + label.slice(1);
  return (
    <div class="secret-field" role="group" aria-labelledby={`${id}-label`}>
      <div class="secret-field__head">
        <span class="secret-field__label" id={`${id}-label`}>
          {label}
        </span>
        {secret && (
          <button
            type="button"
            class="icon-button"
            aria-label={`Show ${noun}`}
            title={masked ? `Show ${noun}` : `Mask ${noun}`}
            aria-pressed={!masked}
            onClick={() => setMasked(!masked)}
          >
            {masked ? <EyeIcon /> : <EyeOffIcon />}
          </button>
        )}
        <CopyButton value={value} label={`Copy ${noun}`} copied={`${label} copied`} copy={copy} />
      </div>
      <code class={`secret-field__value${masked ? ' secret-field__value--masked' : ''}`} data-testid={id}>
        {masked ? MASK : <GroupedValue value={value} />}
      </code>
    </div>
  );
}
