import { KeyList } from '@/features/key-list/KeyList.tsx';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { Toasts } from '@/ui/Toast.tsx';
import { PopupHeader } from './PopupHeader.tsx';

// The preview is inert: nothing in it can be clicked or focused, so its handlers are never called.
const inertHandler = () => {};

/**
 * The popup's first paint on a usual open: the stored list as the keys screen shows it, drawn by the
 * page's first script before the rest of the popup's code is in, and replaced by the popup a few
 * milliseconds later. Inert meanwhile, so a click or key press cannot land on a control that does
 * nothing yet.
 */
export function StoredListPreview({ snapshot }: { snapshot: RegionSnapshot }) {
  return (
    <main class="popup" inert>
      {/* As KeysScreen's: the cards' copy buttons need it, though nothing is copied from here. */}
      <Toasts>
        <div class="screen">
          <PopupHeader
            me={snapshot.me}
            fetchedAt={snapshot.fetchedAt}
            onRefresh={inertHandler}
            onOpenSettings={inertHandler}
          />
          <div class="content">
            {snapshot.me.canManageKeys && (
              <KeyList snapshot={snapshot} checking={false} onCreate={inertHandler} onReset={inertHandler} />
            )}
          </div>
        </div>
      </Toasts>
    </main>
  );
}
