// The popup-open benchmark's floor: the popup's own header and region list, their styles, and nothing
// else: no storage wait before the first render (the list comes from the page's localStorage, which the
// benchmark copies from the signed-in popup), no dialogs, autofill, vault, companion client or checks.
// It sets the popup's own mark, from KeyList, so it shows how close any popup that lists regions with
// this code can come to the one-button baseline.
import { render } from 'preact';
import { KeyList } from '@/features/key-list/KeyList.tsx';
import { regionSnapshot } from '@/lib/state.ts';
import '@/ui/ui.css';
import { PopupHeader } from '@/entrypoints/popup/PopupHeader.tsx';
import '@/entrypoints/popup/style.css';

const snapshot = regionSnapshot.read();
const ignore = () => {};
render(
  <main class="popup">
    <div class="screen">
      <PopupHeader
        me={snapshot?.me}
        fetchedAt={snapshot?.fetchedAt}
        onRefresh={ignore}
        onOpenSettings={ignore}
      />
      <div class="content">
        {snapshot ? (
          <KeyList snapshot={snapshot} checking={false} onCreate={ignore} onReset={ignore} />
        ) : (
          <p>No region list stored: the benchmark copies the popup's before the first open.</p>
        )}
      </div>
    </div>
  </main>,
  document.getElementById('app')!,
);
