// Set up before every component test file.
// happy-dom has no IndexedDB, where the extension keeps its private items: an in-memory one.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { lazyLoadsSettled } from '@/ui/lazily.tsx';

// The popup fetches some of its parts once its list is on screen (ui/lazily.tsx). A test that ends
// before they arrive would leave their imports running as its page goes away, which fails the whole
// run (seen once in CI on a loaded machine: EnvironmentTeardownError from popup-app.test.tsx).
afterEach(() => lazyLoadsSettled());
