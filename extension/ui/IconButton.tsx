import type { ButtonHTMLAttributes } from 'preact';
import type { Icon } from './icons.tsx';

export interface IconButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'icon' | 'label' | 'type'> {
  /** The accessible name, also shown as a tooltip. */
  label: string;
  icon: Icon;
}

/** A square button that shows only an icon; its name comes from `label`. */
export function IconButton({ label, icon: Glyph, class: extra, ...rest }: IconButtonProps) {
  return (
    <button type="button" class={`icon-button ${extra ?? ''}`} aria-label={label} title={label} {...rest}>
      <Glyph />
    </button>
  );
}
