/**
 * Debian's Chromium with the built extension loaded (Playwright drives it; no downloaded browser).
 * Every host but loopback resolves to nothing, so the browser makes no outside connection.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './companion-process.ts';

export const EXTENSION_DIR = join(ROOT, 'dist', 'chrome-mv3');
export const CHROMIUM = '/usr/lib/chromium/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  openPopup(query?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 's3keys-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--password-store=basic',
      '--use-mock-keychain',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*',
    ],
  });
  await context.addInitScript('globalThis.__name ??= (f) => f');
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async openPopup(query = '') {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html${query}`);
      return page;
    },
    close: () => context.close(),
  };
}
