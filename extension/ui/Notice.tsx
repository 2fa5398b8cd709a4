import type { ComponentChildren } from 'preact';
import { AlertIcon, type Icon } from './icons.tsx';

export interface NoticeProps {
  tone?: 'info' | 'warning' | 'danger';
  icon?: Icon;
  title?: string;
  children?: ComponentChildren;
  /** Buttons that are the way forward. */
  actions?: ComponentChildren;
}

/** A boxed message with an icon and its way forward. Danger notices are announced at once. */
export function Notice({ tone = 'info', icon: Glyph = AlertIcon, title, children, actions }: NoticeProps) {
  return (
    <div class={`notice notice--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <span class="notice__icon">
        <Glyph />
      </span>
      <div class="notice__body">
        {title && <strong class="notice__title">{title}</strong>}
        {children && <div class="notice__text">{children}</div>}
        {actions && <div class="notice__actions">{actions}</div>}
      </div>
    </div>
  );
}
