/**
 * Clickjacking defences: a field is written only when the user can see it. Refuses fields that are
 * hidden, nearly transparent (anywhere up the tree, through shadow hosts and frames), tiny, or
 * covered by another element at its centre.
 * @module
 */
import type { Control } from './collect-fields.ts';

export type Invisibility = 'hidden' | 'transparent' | 'tiny' | 'covered';

/** Below this effective opacity a field counts as invisible. */
export const MIN_OPACITY = 0.3;
/** Narrower or lower than this (CSS px), a field is too small to read. */
export const MIN_SIZE = 8;

/** Answers, for one control, null when it is visible and on top at its centre; otherwise why not. */
export type CheckVisible = (control: Control) => Invisibility | null;

/**
 * A visibility check for one fill: the page's click-through elements are listed once per document
 * and reused for every field (one pass over a big page instead of one per field).
 */
export function createCheckVisible(): CheckVisible {
  const clickThrough = new Map<Document, HTMLElement[]>();
  const listFor = (doc: Document) => {
    let list = clickThrough.get(doc);
    if (!list) clickThrough.set(doc, (list = listClickThrough(doc)));
    return list;
  };
  return (control) => checkVisibleWith(control, listFor(control.ownerDocument));
}

function checkVisibleWith(control: Control, clickThrough: HTMLElement[]): Invisibility | null {
  const view = control.ownerDocument.defaultView;
  if (!view) return 'hidden';
  if (control.getClientRects().length === 0) return 'hidden';
  const style = view.getComputedStyle(control);
  if (style.visibility !== 'visible' || style.display === 'none') return 'hidden';
  if (effectiveOpacity(control) < MIN_OPACITY) return 'transparent';
  const rect = control.getBoundingClientRect();
  if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) return 'tiny';
  if (inViewport(rect, view) && isOnTop(control, rect, clickThrough)) return null;
  // Off screen, or clipped by a scrolling box around it (a dialog's body): bring it into view, look again.
  control.scrollIntoView({ block: 'center', inline: 'nearest' });
  return isOnTop(control, control.getBoundingClientRect(), clickThrough) ? null : 'covered';
}

/** The document's elements with `pointer-events: none`: hit tests skip them, yet they are painted. */
function listClickThrough(doc: Document): HTMLElement[] {
  const view = doc.defaultView;
  if (!view) return [];
  return [...doc.querySelectorAll<HTMLElement>('body *')].filter(
    (element) => view.getComputedStyle(element).pointerEvents === 'none',
  );
}

/** The product of the opacities of the element and every ancestor, crossing shadow roots and frames. */
function effectiveOpacity(element: Element): number {
  let opacity = 1;
  for (let node: Element | null = element; node; node = parentAcross(node)) {
    const view = node.ownerDocument.defaultView;
    if (view) opacity *= Number.parseFloat(view.getComputedStyle(node).opacity || '1');
  }
  return opacity;
}

function parentAcross(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  if (root instanceof element.ownerDocument.defaultView!.ShadowRoot) return (root as ShadowRoot).host;
  return element.ownerDocument.defaultView?.frameElement ?? null;
}

/**
 * Hit-testing skips elements with `pointer-events: none`, yet they are painted: an overlay that lets
 * clicks through still hides the field. So, for the one hit test, such elements over the point (not
 * the control's own ancestors) take part; their inline style is put back right after.
 */
function withClickThroughOverlaysHittable<T>(
  control: Control,
  clickThrough: HTMLElement[],
  x: number,
  y: number,
  hitTest: () => T,
): T {
  const lifted: { element: HTMLElement; value: string; priority: string }[] = [];
  for (const element of clickThrough) {
    const box = element.getBoundingClientRect();
    if (x < box.left || x >= box.right || y < box.top || y >= box.bottom) continue;
    if (element.contains(control)) continue;
    lifted.push({
      element,
      value: element.style.getPropertyValue('pointer-events'),
      priority: element.style.getPropertyPriority('pointer-events'),
    });
    element.style.setProperty('pointer-events', 'auto', 'important');
  }
  try {
    return hitTest();
  } finally {
    for (const { element, value, priority } of lifted) {
      if (value) element.style.setProperty('pointer-events', value, priority);
      else element.style.removeProperty('pointer-events');
    }
  }
}

function inViewport(rect: DOMRect, view: Window): boolean {
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  return x >= 0 && y >= 0 && x < view.innerWidth && y < view.innerHeight;
}

/**
 * Hit-tests the centre: the topmost element there must be the control, something inside it, or one
 * of its own labels (floating labels sit on the field). Inside a frame, the frame element must be
 * on top in its parent too.
 */
function isOnTop(control: Control, rect: DOMRect, clickThrough: HTMLElement[]): boolean {
  const root = control.getRootNode() as Document | ShadowRoot;
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const hit = withClickThroughOverlaysHittable(control, clickThrough, x, y, () =>
    root.elementFromPoint(x, y),
  );
  if (!hit) return false;
  const own =
    hit === control ||
    control.contains(hit) ||
    [...(control.labels ?? [])].some((label) => label === hit || label.contains(hit));
  if (!own) return false;
  const frame = control.ownerDocument.defaultView?.frameElement;
  if (!frame) return true;
  const frameRect = frame.getBoundingClientRect();
  const parentHit = (frame.getRootNode() as Document | ShadowRoot).elementFromPoint(
    frameRect.left + x,
    frameRect.top + y,
  );
  return parentHit === frame;
}
