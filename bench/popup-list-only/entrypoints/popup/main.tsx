// The popup-open benchmark's floor: the popup's own header and region list (its stored list's preview),
// their styles, and nothing else: the list comes from the page's localStorage, which the benchmark copies
// from the signed-in popup; no popup is loaded after it. It sets the popup's own mark, from KeyList, so it
// shows how close any popup that lists regions with this code can come to the one-button baseline.
import { render } from 'preact';
import { StoredListPreview } from '@/entrypoints/popup/StoredListPreview.tsx';
import { regionSnapshot } from '@/lib/page-state.ts';
import '@/ui/ui.css';
import '@/entrypoints/popup/style.css';

const snapshot = regionSnapshot.read();
render(
  snapshot ? (
    <StoredListPreview snapshot={snapshot} />
  ) : (
    <p>No region list stored: the benchmark copies the popup's before the first open.</p>
  ),
  document.getElementById('app')!,
);
