import { useState } from 'preact/hooks';
import { CopyButton } from '@/ui/CopyButton.tsx';
import { EyeIcon, EyeOffIcon } from '@/ui/icons.tsx';

export interface SecretFieldProps {
  /** "Access key ID", "Secret access key". */
  label: string;
  value: string;
  /** Whether it starts masked. */
  masked?: boolean;
  copy?: (value: string) => Promise<void>;
}

const MASK = '•'.repeat(24);

/** A value with an eye (show or mask it on screen) and a copy icon. Copying never needs it shown. */
export function SecretField({ label, value, masked: startMasked = false, copy }: SecretFieldProps) {
  const [masked, setMasked] = useState(startMasked);
  const id = label.toLowerCase().replaceAll(' ', '-');
  const noun = label[0]!.toLowerCase() + label.slice(1);
  return (
    <div class="secret-field">
      <span class="secret-field__label" id={`${id}-label`}>
        {label}
      </span>
      <div class="secret-field__row" role="group" aria-labelledby={`${id}-label`}>
        <code class={`secret-field__value${masked ? ' secret-field__value--masked' : ''}`} data-testid={id}>
          {masked ? MASK : value}
        </code>
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
        <CopyButton value={value} label={`Copy ${noun}`} copy={copy} />
      </div>
    </div>
  );
}
