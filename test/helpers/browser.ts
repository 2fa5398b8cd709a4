/**
 * Debian's Chromium with the built extension loaded (Playwright drives it; no downloaded browser).
 * Every host but loopback resolves to nothing, so the browser makes no outside connection.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ROOT } from './companion-process.ts';

export const EXTENSION_DIR = join(ROOT, 'dist', 'chrome-mv3');
export const CHROMIUM = '/usr/lib/chromium/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The popup, opened as a tab (it is then its own active tab; name another one with `?tabId=N`). */
  openPopup(query?: string): Promise<Page>;
  /** The options page, opened as a tab. */
  openOptions(): Promise<Page>;
  /** The extension's background service worker (restarted by Chromium when it was stopped). */
  worker(): Promise<Worker>;
  /** Stops the background service worker, as Chromium does when it is idle. */
  stopWorker(): Promise<void>;
  /** The toolbar badge's text and tooltip. */
  badge(): Promise<{ text: string; title: string }>;
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
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(first.url()).host;
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  const worker = async () => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return live;
    // A stopped worker starts again on the next extension event; opening an extension page is one.
    const page = await open('options.html');
    const started = await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => context.serviceWorkers()[0]!);
    await page.close();
    return started;
  };
  return {
    context,
    extensionId,
    openPopup: (query = '') => open(`popup.html${query}`),
    openOptions: () => open('options.html'),
    worker,
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async badge() {
      const page = await open('options.html');
      try {
        return await page.evaluate(async () => {
          const { action } = (globalThis as unknown as { chrome: { action: Record<'getBadgeText' | 'getTitle', (details: object) => Promise<string>> } }).chrome;
          return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
        });
      } finally {
        await page.close();
      }
    },
    close: () => context.close(),
  };
}
