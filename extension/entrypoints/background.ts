import { registerAutofill } from '@/features/autofill/index.ts';
import { initToolbarBadge } from '@/features/toolbar-badge/toolbar-badge.ts';
import { createKeyOperations } from '@/lib/key-operation.ts';
import { onMessage } from '@/lib/messages.ts';
import { connection } from '@/lib/settings.ts';

// Creates and resets run here so they finish even when the popup closes mid-request.
export default defineBackground(() => {
  const operations = createKeyOperations({ connection });
  onMessage({ runKeyOperation: (operation) => operations.run(operation) });
  initToolbarBadge();
  registerAutofill();
});
