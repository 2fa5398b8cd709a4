/**
 * The first script of popup.html (and of options.html, see there). On a usual open it draws the stored
 * region list at once, from this small script alone, then loads the popup (show-popup.tsx), which takes
 * over the page: the list is on screen before the storage, browser API and companion code are read.
 * @module
 */
import { render } from 'preact';
import { regionSnapshot, secretExpected } from '@/lib/page-state.ts';
import '@/ui/ui.css';
import { StoredListPreview } from './StoredListPreview.tsx';
import './style.css';

const OPTIONS_PAGE = /\/options\.html$/;

if (OPTIONS_PAGE.test(location.pathname))
  void import('../options/show-options.tsx').then((options) => options.showOptions());
else {
  const container = document.getElementById('app')!;
  // The popup's own first render shows this same list at once (popup-start.ts), unless a secret is
  // expected: then it waits for the secret, and the list must not flash first.
  const snapshot = secretExpected.read() ? null : regionSnapshot.read();
  try {
    if (snapshot) render(<StoredListPreview snapshot={snapshot} />, container);
  } finally {
    // Whatever became of the preview, the popup loads.
    void import('./show-popup.tsx').then((popup) => popup.showPopup(container));
  }
}
