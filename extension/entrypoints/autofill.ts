import { installInPage } from '@/features/autofill/in-page.ts';

// Injected on demand (scripting.executeScript) into the top frame of the tab being filled; never
// declared as a content script, so it runs on no page by itself.
export default defineUnlistedScript(() => installInPage());
