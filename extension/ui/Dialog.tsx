import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

export interface DialogProps {
  title: string;
  children: ComponentChildren;
  /** Esc, a click on the backdrop. Ignored while `busy`. */
  onCancel: () => void;
  /** While true, the dialog cannot be dismissed (an operation is running). */
  busy?: boolean;
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves in (to the element marked `data-autofocus`, else the first control),
 * Tab and Shift+Tab stay inside, Esc cancels, and focus returns to the opener on close.
 */
export function Dialog({ title, children, onCancel, busy = false }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  // Read during the first render: once the page behind turns inert, the browser moves focus away from it.
  const opener = useRef(document.activeElement as HTMLElement | null);
  const titleId = useId();
  const focusables = () => [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];

  useLayoutEffect(() => {
    (box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? focusables()[0] ?? box.current)?.focus();
    const back = opener.current;
    // After the commit that removes the dialog, when the page behind is no longer inert and can take focus.
    return () => void setTimeout(() => back?.focus?.(), 0);
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return event.preventDefault();
    if (
      event.shiftKey &&
      (document.activeElement === first || !box.current?.contains(document.activeElement))
    ) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop is a mouse shortcut; Esc is the keyboard's
    <div
      class="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && !busy && onCancel()}
    >
      <div
        ref={box}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-busy={busy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} class="dialog__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
