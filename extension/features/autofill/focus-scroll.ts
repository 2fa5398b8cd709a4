/**
 * Writing a field focuses and blurs it, and a visibility check may scroll it into view: the user's
 * own focus and scroll position are put back after a fill.
 * @module
 */

/** Remembers `doc`'s focused element (inside shadow roots too) and scroll position; call the result to restore them. */
export function keepFocusAndScroll(doc: Document): () => void {
  const view = doc.defaultView;
  const focused = deepActiveElement(doc);
  const x = view?.scrollX ?? 0;
  const y = view?.scrollY ?? 0;
  return function restoreFocusAndScroll() {
    const now = deepActiveElement(doc);
    if (focused && focused !== doc.body && focused.isConnected) focused.focus({ preventScroll: true });
    else if (now && now !== doc.body) now.blur();
    view?.scrollTo(x, y);
  };
}

function deepActiveElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}
