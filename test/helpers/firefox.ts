/**
 * Debian's Firefox ESR with the built extension (dist/firefox-mv3) installed as a temporary add-on,
 * driven by puppeteer-core over WebDriver BiDi (Playwright cannot drive a stock Firefox).
 *
 * BiDi may not navigate a tab to a moz-extension:// URL, but the extension opens its options page by
 * itself on install (the first-run sign-in); that tab is the tests' way in, and it moves between the
 * extension's pages by setting `location` from inside. The popup is shown in that tab, so "closing and
 * reopening" it is navigating away and back.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { browser as extensionApi } from 'wxt/browser';
import { ROOT } from './companion-process.ts';
import { screenshotPath, type JourneyBrowser, type Target, type UiPage, type WebTab } from './ui-page.ts';

// Functions passed to evaluate() run in extension pages, where `browser` is the WebExtension API.
declare const browser: typeof extensionApi;

export const FIREFOX = '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = join(ROOT, 'dist', 'firefox-mv3');
const POPUP_VIEWPORT = { width: 380, height: 600 };
const PAGE_VIEWPORT = { width: 1000, height: 800 };

export interface FirefoxWithExtension extends JourneyBrowser {
  /** The add-on id Firefox installed the build under (its `browser_specific_settings.gecko.id`). */
  addonId: string;
  /** The URL of the page the extension opened on install. */
  firstRunUrl: string;
  /** Whether the extension holds host access to `pattern` now. */
  hasHostAccess(pattern: string): Promise<boolean>;
  /** The browser itself, for tests that open and drive web pages of their own. */
  browser: Browser;
  /** The extension's own tab (see the module comment), where `browser.*` calls can be evaluated. */
  extensionTab: Page;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Host names to resolve to loopback (Firefox's `network.dns.localDomains`). */
  mapToLoopback?: string[];
  /** PEM CA certificates this profile trusts for servers (imported with NSS's certutil), and no other. */
  trustCaFiles?: string[];
  /** Grant optional permissions without a prompt (`extensions.webextOptionalPermissionPrompts`=false):
   * headless Firefox shows none a test could click. */
  grantOptionalPermissions?: boolean;
  /** The build to install; the Firefox build in dist/ unless a test needs a changed copy. */
  extensionDir?: string;
}

/** Launches headless Firefox ESR and installs the Firefox build; resolves once the first-run page is open. */
export async function launchFirefoxWithExtension({
  mapToLoopback = [],
  trustCaFiles = [],
  grantOptionalPermissions = false,
  extensionDir = FIREFOX_EXTENSION_DIR,
}: FirefoxOptions = {}): Promise<FirefoxWithExtension> {
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    ...(trustCaFiles.length > 0 && { userDataDir: await profileTrusting(trustCaFiles) }),
    extraPrefsFirefox: {
      // Lets pages read the clipboard without a paste prompt, so a test can read back what a copy button wrote.
      'dom.events.testing.asyncClipboard': true,
      ...(mapToLoopback.length > 0 && { 'network.dns.localDomains': mapToLoopback.join(',') }),
      ...(grantOptionalPermissions && { 'extensions.webextOptionalPermissionPrompts': false }),
    },
  });
  try {
    const addonId = await firefox.installExtension(extensionDir);
    const tab = await extensionTab(firefox);
    const firstRunUrl = await tab.evaluate(() => location.href);
    return {
      addonId,
      firstRunUrl,
      ...journey(firefox, tab),
      hasHostAccess: (pattern) =>
        tab.evaluate((origin) => browser.permissions.contains({ origins: [origin] }), pattern),
      browser: firefox,
      extensionTab: tab,
      close: () => firefox.close(),
    };
  } catch (error) {
    await firefox.close();
    throw error;
  }
}

/** A fresh profile directory whose NSS database trusts `caFiles` to identify servers. */
async function profileTrusting(caFiles: string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 's3keys-firefox-'));
  const certutil = (...args: string[]) => promisify(execFile)('certutil', ['-d', `sql:${profile}`, ...args]);
  await certutil('-N', '--empty-password');
  for (const [index, file] of caFiles.entries())
    await certutil('-A', '-n', `S3 Keys test CA ${index}`, '-t', 'C,,', '-i', file);
  return profile;
}

/** The tab showing a moz-extension:// page: the options page the extension opens on install. */
async function extensionTab(firefox: Browser): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await firefox.pages()) {
      // page.url() may still read about:blank here; the document knows where it is.
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://')) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the extension opened no page of its own within 15 s of being installed');
}

function journey(firefox: Browser, tab: Page): JourneyBrowser {
  const show = async (path: string, viewport: typeof POPUP_VIEWPORT) => {
    await tab.setViewport(viewport);
    await tab.bringToFront();
    const target = await tab.evaluate((to) => {
      const url = location.origin + to;
      // A new document every time, even for the same URL: reopening must load the page afresh.
      document.documentElement.dataset.s3keysLeaving = '1';
      location.href = url;
      return url;
    }, path);
    // BiDi reports no navigation event for moz-extension:// documents: wait for the new one to load.
    await waitUntil(() =>
      tab
        .evaluate(
          (url) =>
            location.href === url &&
            document.readyState === 'complete' &&
            !document.documentElement.dataset.s3keysLeaving,
          target,
        )
        .catch(() => false),
    );
    return puppeteerUi(tab);
  };
  return {
    name: 'firefox',
    options: () => show('/options.html', PAGE_VIEWPORT),
    popup: (query = '') => show(`/popup.html${query}`, POPUP_VIEWPORT),
    async openTab(url): Promise<WebTab> {
      const page = await firefox.newPage();
      await page.setViewport(PAGE_VIEWPORT);
      await page.goto(url);
      await page.waitForSelector('html[data-ready]');
      // tabs.query({ url }) found no tab here for a URL with a port: compare each tab's URL instead.
      const tabId = await tab.evaluate(
        async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? -1,
        url,
      );
      if (tabId < 0) throw new Error(`no tab shows ${url}`);
      return {
        url,
        tabId,
        inputValues: () => page.$$eval('input', (inputs) => inputs.map((input) => input.value)),
        close: () => page.close(),
      };
    },
  };
}

/** Resolves once `check` is true; throws after 15 s. */
async function waitUntil(check: () => Promise<boolean>, what = 'the extension page to load'): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A puppeteer page as a {@link UiPage}; ARIA queries go to Firefox's accessibility tree over BiDi. */
function puppeteerUi(page: Page): UiPage {
  const selector = (target: Target): string => {
    if (typeof target === 'string') return target;
    if ('field' in target) return `::-p-aria(${target.field})`;
    return `${target.within ? `${target.within} ` : ''}::-p-aria([name="${target.button}"][role="button"])`;
  };
  // page.$ asks Firefox over BiDi (browsingContext.locateNodes); page.waitForSelector would poll inside the
  // page, where ARIA queries stopped answering once the tab had moved to another extension page.
  const find = async (target: Target) => {
    let element: ElementHandle | null = null;
    await waitUntil(async () => (element = await page.$(selector(target))) !== null, JSON.stringify(target));
    return element!;
  };
  return {
    click: async (target) => (await find(target)).click(),
    // An ARIA name query also matches a field's label; fill the first match that takes text.
    async fill(field, value) {
      await find({ field });
      for (const match of await page.$$(selector({ field }))) {
        if (await match.evaluate((e) => e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement)) {
          return match.asLocator().fill(value);
        }
      }
      throw new Error(`no field is labelled ${field}`);
    },
    waitFor: async (target) => void (await find(target)),
    text: (target) => page.$eval(selector(target), (element) => element.textContent?.trim() ?? ''),
    count: async (target) => (await page.$$(selector(target))).length,
    content: () => page.content(),
    async clipboard() {
      await page.bringToFront();
      return page.evaluate(() => navigator.clipboard.readText());
    },
    async screenshot(name) {
      const path = screenshotPath('firefox', name);
      await mkdir(dirname(path), { recursive: true });
      await page.screenshot({ path });
    },
    // The popup lives in the one extension tab, which the next page replaces.
    close: async () => {},
  };
}
