/**
 * The in-page question asked before writing a secret where the page is not trustworthy enough to
 * fill silently (plain http: off loopback, a look-alike host name). It sits in the top layer
 * (`showModal`), inside a closed shadow root the page cannot reach, answers only trusted clicks and
 * keys, and counts as "no" if the page tampers with it or nobody answers in time.
 * @module
 */

/** How long the question waits for an answer. */
export const CONFIRM_TIMEOUT_MS = 60_000;

/** Asks `question` in `doc`; resolves true only when the user presses Fill. */
export function confirmInPage(
  doc: Document,
  question: string,
  timeoutMs = CONFIRM_TIMEOUT_MS,
): Promise<boolean> {
  return new Promise((resolve) => {
    const host = doc.createElement('s3keys-confirm');
    const shadow = host.attachShadow({ mode: 'closed' });
    const dialog = doc.createElement('dialog');
    dialog.setAttribute('aria-label', 'S3 Keys');
    dialog.style.cssText =
      'font:14px system-ui,sans-serif;color:#111;background:#fff;border:2px solid #b45309;border-radius:8px;padding:16px;max-width:380px';
    const text = doc.createElement('p');
    text.textContent = question;
    const cancel = button(doc, 'Cancel');
    const fill = button(doc, 'Fill');
    dialog.append(text, cancel, fill);
    shadow.append(dialog);

    let done = false;
    const finish = (answer: boolean) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      dialog.close();
      host.remove();
      resolve(answer);
    };
    // A click the page synthesises is not trusted: only the user's own counts.
    fill.addEventListener('click', (event) => finish(event.isTrusted));
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', () => finish(false));
    const observer = new MutationObserver(() => {
      if (!host.isConnected || host.getAttributeNames().length > 0) finish(false);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    doc.documentElement.append(host);
    observer.observe(doc.documentElement, { childList: true, subtree: false });
    observer.observe(host, { attributes: true });
    dialog.showModal();
    // The safe answer has the focus, so a stray Enter declines.
    cancel.focus();
  });
}

function button(doc: Document, label: string): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.style.cssText = 'margin-right:8px;padding:4px 12px;font:inherit';
  return element;
}
