/**
 * Which fields belong together, and which of them the user can see: the generic detector pairs an
 * access key with a secret only inside one form or dialog, and prefers fields that are shown.
 * @module
 */
import type { Control } from './collect-fields.ts';

/** Containers that hold one S3 form. Shadow roots are crossed: a web component's fields stay together. */
const SCOPES = 'form,dialog,[role=dialog],[role=alertdialog]';

/** The form or dialog `control` belongs to, across shadow roots; else its document. */
export function scopeOf(control: Control): Node {
  if (control.form) return control.form;
  for (let node: Element | null = control; node; node = parentAcrossShadow(node)) {
    if (node !== control && node.matches(SCOPES)) return node;
  }
  return control.ownerDocument;
}

/** True when `control` belongs to `scope` (see {@link scopeOf}); cheap for the many controls outside it. */
export function inScope(control: Control, scope: Node): boolean {
  if (scope.contains(control)) return scope === control.ownerDocument ? scopeOf(control) === scope : true;
  // Outside the scope in the same tree: no shadow root can bring it in.
  if (control.getRootNode() === scope.getRootNode()) return false;
  return scopeOf(control) === scope;
}

/**
 * True when the control is rendered: no `display: none` or `hidden` on it or its ancestors (shadow
 * hosts included), not `visibility: hidden`. Says nothing of overlays: see check-visible.ts.
 */
export function isShown(control: Control): boolean {
  if (typeof control.checkVisibility === 'function')
    return control.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  // DOMs without checkVisibility (the component tests' happy-dom): walk up.
  const view = control.ownerDocument.defaultView;
  for (let node: Element | null = control; node; node = parentAcrossShadow(node)) {
    if (node.hasAttribute('hidden')) return false;
    const style = view?.getComputedStyle(node);
    if (style?.display === 'none' || (node === control && style?.visibility === 'hidden')) return false;
  }
  return true;
}

/** The parent element, or the shadow host when `element` is at the top of a shadow tree. */
export function parentAcrossShadow(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode() as Partial<ShadowRoot>;
  return root.host ?? null;
}
