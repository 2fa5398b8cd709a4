import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The companion listens on loopback; a port-less host pattern matches any port.
export default defineConfig({
  srcDir: 'extension',
  entrypointsDir: 'entrypoints',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  outDir: 'dist',
  webExt: { disabled: true },
  manifest: {
    name: 'S3 Keys',
    description: 'Create, reveal, copy and reset your per-region S3 key pairs from the toolbar.',
    permissions: ['storage'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  },
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
});
