/**
 * The first script of popup.html (and of options.html, see there). On a usual open it draws the stored
 * region list at once, from this small script alone, then loads the popup (show-popup.tsx), which takes
 * over the page: the list is on screen before the storage, browser API and companion code are read.
 * @module
 */
import { render } from 'preact';
import { listShownAtOnce } from '@/lib/page-state.ts';
import '@/ui/ui.css';
import { StoredListPreview } from './StoredListPreview.tsx';
import './style.css';

const OPTIONS_PAGE = /\/options\.html$/;

if (OPTIONS_PAGE.test(location.pathname))
  void import('../options/show-options.tsx').then((options) => options.showOptions());
else {
  const container = document.getElementById('app')!;
  // The popup's own first render starts from this same list (popup-start.ts).
  const atOnce = listShownAtOnce();
  try {
    if (atOnce) render(<StoredListPreview snapshot={atOnce} />, container);
  } finally {
    // Whatever became of the preview, the popup loads.
    void import('./show-popup.tsx').then((popup) => popup.showPopup(container, atOnce));
  }
}
