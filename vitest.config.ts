import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Three kinds of test, each run on its own by `npm test`'s steps:
// unit (domain, storage, in-process HTTP, companion processes), ceph (real RGW), e2e (Chromium + extension).
export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}', 'test/api/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { extends: true, test: { name: 'ceph', include: ['test/ceph/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
