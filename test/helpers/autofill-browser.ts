/**
 * A browser with the built extension for the autofill tests, in two kinds that the same suite drives:
 * Chromium through Playwright and Firefox ESR through puppeteer (WebDriver BiDi). Both map a few host
 * names to 127.0.0.1 so a fixture page can be served from a non-loopback http: origin.
 *
 * A test cannot press the toolbar button, the extension's keyboard command or a context-menu item in
 * either browser, so no activeTab grant ever happens. A copy of the build with a host permission for
 * the mapped names stands in for it; the loopback fixture origins are already in the real manifest's
 * host_permissions.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright';
import type { Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';
import type { Fill, FillResult } from '../../extension/features/autofill/index.ts';
import { EXTENSION_DIR, launchWithExtension } from './browser.ts';
import { FIREFOX_EXTENSION_DIR, launchFirefoxWithExtension } from './firefox.ts';

/** Names that resolve to 127.0.0.1 in this browser: a plain http: host and a punycode look-alike. */
export const MAPPED_HOSTS = ['console.test', 'xn--mnio-8pa.test'];

/** A web page, through what both drivers offer alike. */
export interface FillPage {
  url(): string;
  /** Runs `fn(arg)` in the page's main world. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The values of the top document's inputs matching `selector`, open shadow roots included. */
  values(selector?: string): Promise<string[]>;
  /** The values of every input in every frame of the page. */
  valuesInAllFrames(): Promise<string[]>;
  /** The values of the inputs of the first frame whose URL contains `urlPart`. */
  valuesInFrame(urlPart: string): Promise<string[]>;
  /** Whether the element matching `selector` (open shadow roots included) is enabled. */
  isEnabled(selector: string): Promise<boolean>;
  focus(selector: string): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  press(key: 'Enter' | 'Tab' | 'Escape'): Promise<void>;
  /** Waits until an element matches `selector`, shown or not. */
  waitFor(selector: string): Promise<void>;
  close(): Promise<void>;
}

export interface FillBrowser {
  name: 'chromium' | 'firefox';
  /** Opens `url` in a new tab and waits for the page's ready mark. */
  open(url: string): Promise<FillPage>;
  /** Runs `fn(arg)` in an extension page, where `chrome` is the extension API (Firefox has it too). */
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Asks the extension to fill `fill` into `page`'s tab, as the popup's "Fill into page" does. */
  fill(page: FillPage, fill: Fill): Promise<FillResult>;
  close(): Promise<void>;
}

const VIEWPORT = { width: 1000, height: 800 };

/** The extension's fill, as the popup sends it, from an extension page; the tab is found by its URL. */
const sendFill = async ({ url, fill }: { url: string; fill: Fill }): Promise<FillResult> => {
  // Firefox's tabs.query({ url }) finds no tab for a URL with a port: compare each tab's URL instead.
  const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
  if (!tab) throw new Error(`no tab shows ${url}`);
  return chrome.runtime.sendMessage({ s3keys: 'fillTab', data: { tabId: tab.id, fill } });
};
declare const chrome: typeof import('wxt/browser').browser;

export async function launchChromiumForFill(): Promise<FillBrowser> {
  const launched = await launchWithExtension({
    extensionDir: await withHostAccess(EXTENSION_DIR, mappedPatterns()),
    mapToLoopback: MAPPED_HOSTS,
    viewport: VIEWPORT,
  });
  let extensionPage: PlaywrightPage | undefined;
  const inExtension: FillBrowser['inExtension'] = async (fn, arg) => {
    if (!extensionPage || extensionPage.isClosed()) extensionPage = await launched.openOptions();
    return extensionPage.evaluate(fn as never, arg) as never;
  };
  return {
    name: 'chromium',
    async open(url) {
      const page = await launched.context.newPage();
      await page.goto(url);
      await page.waitForSelector('html[data-ready]', { state: 'attached' });
      return playwrightPage(page);
    },
    inExtension,
    fill: (page, fill) => inExtension(sendFill, { url: page.url(), fill }),
    close: launched.close,
  };
}

export async function launchFirefoxForFill(): Promise<FillBrowser> {
  const firefox = await launchFirefoxWithExtension({
    extensionDir: await withHostAccess(FIREFOX_EXTENSION_DIR, mappedPatterns()),
    mapToLoopback: MAPPED_HOSTS,
  });
  const inExtension: FillBrowser['inExtension'] = (fn, arg) =>
    firefox.extensionTab.evaluate(fn as never, arg) as never;
  return {
    name: 'firefox',
    async open(url) {
      const page = await firefox.browser.newPage();
      await page.setViewport(VIEWPORT);
      await page.goto(url);
      await page.waitForSelector('html[data-ready]');
      return puppeteerPage(page);
    },
    inExtension,
    fill: (page, fill) => inExtension(sendFill, { url: page.url(), fill }),
    close: firefox.close,
  };
}

const inputValues = (inputs: Element[]) => (inputs as HTMLInputElement[]).map((input) => input.value);
const enabled = (element: Element) => !(element as HTMLInputElement).disabled;

function playwrightPage(page: PlaywrightPage): FillPage {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg),
    values: (selector = 'input') => page.$$eval(selector, inputValues),
    async valuesInAllFrames() {
      return (await Promise.all(page.frames().map((frame) => frame.$$eval('input', inputValues)))).flat();
    },
    async valuesInFrame(urlPart) {
      const frame = page.frames().find((f) => f.url().includes(urlPart));
      if (!frame) throw new Error(`no frame shows ${urlPart}`);
      return frame.$$eval('input', inputValues);
    },
    isEnabled: (selector) => page.$eval(selector, enabled),
    focus: (selector) => page.focus(selector),
    select: async (selector, value) => void (await page.selectOption(selector, value)),
    press: (key) => page.keyboard.press(key),
    waitFor: async (selector) => void (await page.waitForSelector(selector, { state: 'attached' })),
    close: () => page.close(),
  };
}

function puppeteerPage(page: PuppeteerPage): FillPage {
  const frameOf = (urlPart: string): PuppeteerFrame => {
    const frame = page.frames().find((f) => f.url().includes(urlPart));
    if (!frame) throw new Error(`no frame shows ${urlPart}`);
    return frame;
  };
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    // `pierce/` reaches into open shadow roots, as Playwright's CSS selectors do by default.
    values: (selector = 'input') => page.$$eval(`pierce/${selector}`, inputValues),
    async valuesInAllFrames() {
      return (
        await Promise.all(page.frames().map((frame) => frame.$$eval('pierce/input', inputValues)))
      ).flat();
    },
    valuesInFrame: (urlPart) => frameOf(urlPart).$$eval('pierce/input', inputValues),
    isEnabled: (selector) => page.$eval(`pierce/${selector}`, enabled),
    focus: (selector) => page.focus(selector),
    select: async (selector, value) => void (await page.select(selector, value)),
    async press(key) {
      await page.bringToFront();
      await page.keyboard.press(key);
    },
    waitFor: async (selector) => void (await page.waitForSelector(selector)),
    close: () => page.close(),
  };
}

const mappedPatterns = () => MAPPED_HOSTS.map((host) => `http://${host}/*`);

/** A copy of the build in `extensionDir` whose manifest also grants `patterns`. */
async function withHostAccess(extensionDir: string, patterns: string[]): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 's3keys-ext-')), basename(extensionDir));
  await cp(extensionDir, dir, { recursive: true });
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...patterns];
  await writeFile(manifestFile, JSON.stringify(manifest));
  return dir;
}
