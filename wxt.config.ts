import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { INSTALL_HOST_PERMISSIONS } from './extension/features/companion-access/install-hosts.ts';
import { geckoId } from './extension/build/gecko-id.ts';

export default defineConfig({
  srcDir: 'extension',
  entrypointsDir: 'entrypoints',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  outDir: 'dist',
  webExt: { disabled: true },
  // Mozilla's webextension-polyfill behind `wxt/browser`: promise-based browser.* that behaves the same in
  // Chrome and Firefox.
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources archive (for Firefox review) holds the code, not test output or local builds.
  zip: {
    excludeSources: ['test-results/**', 'bench/results/**', 'bench/**/.wxt/**', '.bench/**', '.data/**'],
  },
  manifest: ({ browser }) => ({
    name: 'S3 Keys',
    description: 'Create, reveal, copy and reset your per-region S3 key pairs from the toolbar.',
    // activeTab + scripting: autofill injects into the page only after a gesture (popup, command, menu).
    // alarms: the periodic key check behind the badge.
    // webRequest: Connect tells an untrusted certificate from nothing answering (observes, never blocks).
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms', 'webRequest'],
    // The local demo companion is granted at install; any other companion's host is asked for at Connect.
    host_permissions: INSTALL_HOST_PERMISSIONS,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Asked for only when the user turns on notices of a teammate's reset (options page).
    optional_permissions: ['notifications'],
    // Firefox only (Chrome warns about the key): a fixed add-on id, which AMO requires for MV3, and the
    // data-collection declaration AMO asks new add-ons for.
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: geckoId(process.env.S3KEYS_GECKO_ID),
          strict_min_version: '128.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
    commands: {
      'fill-s3-keys': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Fill the S3 key pair into this page',
      },
    },
  }),
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
  hooks: {
    // The pages' build (popup.html and options.html, which share the popup's first script): everything
    // that script imports statically goes into one chunk, so the popup's first paint (the stored list)
    // waits for one script and one stylesheet; what it imports on demand (the popup itself, the
    // settings view, the dialogs) stays in chunks of its own. Without this the bundler splits
    // the shared code by which lazy chunks also use it, into half a dozen files the popup waits for.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'popup')) return;
      config.build = {
        ...config.build,
        // Chrome and Firefox (128+) preload modules themselves.
        modulePreload: { polyfill: false },
        rolldownOptions: {
          ...config.build?.rolldownOptions,
          output: {
            ...config.build?.rolldownOptions?.output,
            codeSplitting: { groups: [{ name: 'popup', tags: ['$initial'] }] },
          },
        },
      };
    },
  },
});
