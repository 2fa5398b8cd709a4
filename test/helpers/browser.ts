/**
 * Debian's Chromium with the built extension loaded (Playwright drives it; no downloaded browser).
 * Every host but loopback resolves to nothing, so the browser makes no outside connection.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright';
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
  /**
   * Gives the extension access to `pattern`'s host as a user does on chrome://extensions (Site access →
   * add a site), through that page's own API: headless Chromium cannot click a permission prompt.
   */
  allowSiteAccess(pattern: string): Promise<void>;
  /** Whether the extension holds host access to `pattern` now. */
  hasHostAccess(pattern: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The unpacked extension to load; default the build in dist/. */
  extensionDir?: string;
  /** More unpacked extensions to load beside it. */
  alsoLoad?: string[];
  /** Host names to resolve to 127.0.0.1 (every other name but loopback resolves to nothing). */
  mapToLoopback?: string[];
  /** Base64 SHA-256 SPKI hashes of server keys this browser trusts whatever CA signed them (a test CA's). */
  trustServerKeys?: string[];
  viewport?: { width: number; height: number };
}

/** Launches Chromium with the extension in `extensionDir` (default: the build in dist/), plus any `alsoLoad`. */
export async function launchWithExtension({
  extensionDir = EXTENSION_DIR,
  alsoLoad = [],
  mapToLoopback = [],
  trustServerKeys = [],
  viewport,
}: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const load = [extensionDir, ...alsoLoad].join(',');
  const rules = [
    ...mapToLoopback.map((host) => `MAP ${host} 127.0.0.1`),
    'MAP * ~NOTFOUND',
    'EXCLUDE localhost',
    'EXCLUDE 127.*',
  ].join(', ');
  const context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 's3keys-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    ...(viewport && { viewport }),
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${load}`,
      `--load-extension=${load}`,
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
      `--host-resolver-rules=${rules}`,
      ...(trustServerKeys.length > 0
        ? [`--ignore-certificate-errors-spki-list=${trustServerKeys.join(',')}`]
        : []),
    ],
  });
  await context.addInitScript('globalThis.__name ??= (f) => f');
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(first.url()).host;
  // On install the extension opens its options page (the first-run sign-in). Chromium may take over a
  // blank tab for it, so wait for it before any test opens a page of its own.
  const firstRun = `chrome-extension://${extensionId}/options.html`;
  const opened = () => context.pages().some((page) => page.url() === firstRun);
  for (const deadline = Date.now() + 15_000; !opened() && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  // Playwright keeps one Worker object across a stop and restart of the extension's service worker.
  const worker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    context.waitForEvent('serviceworker');
  return {
    context,
    extensionId,
    openPopup: (query = '') => open(`popup.html${query}`),
    openOptions: () => open('options.html'),
    worker,
    async stopWorker() {
      const sw = await worker();
      await sw.evaluate('globalThis.__s3keysBeforeStop = true');
      const page = await open('options.html');
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      const stopped = new Promise<void>((resolve) =>
        cdp.on(
          'ServiceWorker.workerVersionUpdated',
          ({ versions }) => versions.some((v) => v.runningStatus === 'stopped') && resolve(),
        ),
      );
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      // A stopped worker starts again on the next event it listens to, such as a runtime message.
      await page.evaluate('chrome.runtime.sendMessage({ wake: true }).catch(() => {})');
      await cdp.detach();
      await page.close();
      const fresh = await Promise.race([
        sw.evaluate('globalThis.__s3keysBeforeStop === undefined'),
        new Promise((r) => setTimeout(r, 10_000, false)),
      ]);
      if (fresh !== true) throw new Error('the background service worker did not restart');
    },
    async badge() {
      const page = await open('options.html');
      try {
        return await page.evaluate(async () => {
          const { action } = (
            globalThis as unknown as {
              chrome: { action: Record<'getBadgeText' | 'getTitle', (details: object) => Promise<string>> };
            }
          ).chrome;
          return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
        });
      } finally {
        await page.close();
      }
    },
    async allowSiteAccess(pattern) {
      const page = await context.newPage();
      try {
        await page.goto(`chrome://extensions/?id=${extensionId}`);
        await page.evaluate(
          ([id, host]) =>
            (
              globalThis as unknown as {
                chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
              }
            ).chrome.developerPrivate.addHostPermission(id!, host!),
          [extensionId, pattern],
        );
      } finally {
        await page.close();
      }
    },
    async hasHostAccess(pattern) {
      const sw = await worker();
      return sw.evaluate(
        (origin) =>
          (
            globalThis as unknown as {
              chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
            }
          ).chrome.permissions.contains({ origins: [origin] }),
        pattern,
      );
    },
    close: () => context.close(),
  };
}
