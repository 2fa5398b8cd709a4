import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref whose element takes the focus once, as soon as `ready` is true: at mount, or later (e.g. when
 * the dialog that held the focus has closed). The `autofocus` attribute only works on page load.
 */
export function useFocusWhen<T extends HTMLElement>(ready: boolean) {
  const ref = useRef<T>(null);
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    ref.current?.focus();
  }, [ready]);
  return ref;
}
