/**
 * Writing a field focuses and blurs it, and a visibility check may scroll it into view: the user's
 * own focus and scroll positions — the window's and those of the scrolling boxes around the fields
 * (a dialog's body, a side panel) — are put back after a fill.
 * @module
 */
import { parentAcrossShadow } from './field-scope.ts';

/**
 * Remembers `doc`'s focused element (inside shadow roots too), the window's scroll position and that
 * of every scrolling box around `fields`; call the result to restore them.
 */
export function keepFocusAndScroll(doc: Document, fields: Element[] = []): () => void {
  const view = doc.defaultView;
  const focused = deepActiveElement(doc);
  const x = view?.scrollX ?? 0;
  const y = view?.scrollY ?? 0;
  const boxes = scrollingBoxesAround(fields, doc);
  return function restoreFocusAndScroll() {
    const now = deepActiveElement(doc);
    if (focused && focused !== doc.body && focused.isConnected) focused.focus({ preventScroll: true });
    else if (now && now !== doc.body) now.blur();
    for (const [box, [left, top]] of boxes) {
      box.scrollLeft = left;
      box.scrollTop = top;
    }
    view?.scrollTo(x, y);
  };
}

/** The boxes that can scroll, among the ancestors of `fields` below the document's own scroller. */
function scrollingBoxesAround(fields: Element[], doc: Document): Map<Element, [number, number]> {
  const boxes = new Map<Element, [number, number]>();
  const visited = new Set<Element>();
  for (const field of fields) {
    for (let node = parentAcrossShadow(field); node && !visited.has(node); node = parentAcrossShadow(node)) {
      visited.add(node);
      if (node === doc.documentElement || node === doc.body) continue;
      if (node.scrollHeight > node.clientHeight || node.scrollWidth > node.clientWidth)
        boxes.set(node, [node.scrollLeft, node.scrollTop]);
    }
  }
  return boxes;
}

function deepActiveElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}
