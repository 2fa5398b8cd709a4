/**
 * Collects the form controls of a document, its open shadow roots and its same-origin, unsandboxed
 * frames. Cross-origin and sandboxed frames are never entered.
 * @module
 */

/** A control autofill may write. */
export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Past this many controls the page is not a console login; the scan stops (bounded work on huge pages). */
export const MAX_CONTROLS = 10_000;

const CONTROLS = 'input,select,textarea';

/**
 * Every control under `root`, in document order per tree, including open shadow trees and
 * same-origin frames.
 */
export function collectControls(root: Document | ShadowRoot, limit = MAX_CONTROLS): Control[] {
  const found: Control[] = [];
  const visit = (node: Document | ShadowRoot) => {
    for (const control of node.querySelectorAll<Control>(CONTROLS)) {
      if (found.length >= limit) return;
      found.push(control);
    }
    for (const element of node.querySelectorAll('*')) {
      if (found.length >= limit) return;
      if (element.shadowRoot) visit(element.shadowRoot);
      const frame = sameOriginFrame(element);
      if (frame) visit(frame);
    }
  };
  visit(root);
  return found;
}

/** The document of an iframe when it is same-origin and not sandboxed; null otherwise. */
export function sameOriginFrame(element: Element): Document | null {
  if (element.localName !== 'iframe' && element.localName !== 'frame') return null;
  // A sandboxed frame, even with allow-same-origin, asked to be kept apart: never write into it.
  if (element.hasAttribute('sandbox')) return null;
  try {
    const doc = (element as HTMLIFrameElement).contentDocument;
    const view = doc?.defaultView;
    if (!doc || !view || view.origin !== element.ownerDocument.defaultView?.origin || view.origin === 'null')
      return null;
    return doc;
  } catch {
    return null;
  }
}

/** True when the control can take a value now: enabled, writable, not a button-like input. */
export function isWritable(control: Control): boolean {
  if (control.disabled) return false;
  if (control.localName === 'select') return true;
  const input = control as HTMLInputElement | HTMLTextAreaElement;
  if (input.readOnly) return false;
  return control.localName === 'textarea' || TEXT_TYPES.has((control as HTMLInputElement).type);
}

const TEXT_TYPES = new Set(['text', 'password', 'url', 'search', 'email', '']);
