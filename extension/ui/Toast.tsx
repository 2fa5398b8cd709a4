import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { AlertIcon, CheckIcon } from './icons.tsx';

export type ToastTone = 'success' | 'danger';

/** Shows `text` as the toast, replacing the one on screen. */
export type ShowToast = (text: string, tone?: ToastTone) => void;

/** How long a toast stays: a failure says what to do instead, so it stays long enough to read. */
export const TOAST_MS: Record<ToastTone, number> = { success: 2500, danger: 6000 };

const ToastContext = createContext<ShowToast | null>(null);

interface ShownToast {
  /** A new id per toast, so the same text shown twice is a new node and is announced again. */
  id: number;
  text: string;
  tone: ToastTone;
}

/**
 * Short messages at the top centre of the popup that go away by themselves ("Access key ID copied"), for
 * the components inside it. The live region is always in the page, so screen readers announce each toast.
 */
export function Toasts({ children }: { children: ComponentChildren }) {
  const [toast, setToast] = useState<ShownToast | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast]);
  const show = useCallback<ShowToast>(
    (text, tone = 'success') => setToast((shown) => ({ id: (shown?.id ?? 0) + 1, text, tone })),
    [],
  );
  const Glyph = toast?.tone === 'danger' ? AlertIcon : CheckIcon;
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div class="toast-region" role="status" aria-live="polite" data-testid="toast">
        {toast && (
          <p key={toast.id} class={`toast toast--${toast.tone}`}>
            <Glyph size={14} />
            <span>{toast.text}</span>
          </p>
        )}
      </div>
    </ToastContext.Provider>
  );
}

/** The toast of the surrounding {@link Toasts}. */
export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error('Toast: useToast() needs a <Toasts> around the component');
  return show;
}
