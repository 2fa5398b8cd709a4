/**
 * A browser-neutral view of an extension page, so one journey (test/helpers/keys-journey.ts) runs in
 * Chromium (Playwright) and in Firefox (puppeteer-core over WebDriver BiDi) with the same assertions.
 * Elements are found the way a user finds them: buttons and fields by their accessible name, everything
 * else by a CSS selector (data-testid, data-region).
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { SCREENSHOTS } from './popup-fixture.ts';

/** A CSS selector, a button by its exact accessible name (optionally inside `within`), or a field by its label. */
export type Target = string | { button: string; within?: string } | { field: string };

export interface UiPage {
  click(target: Target): Promise<void>;
  fill(field: string, value: string): Promise<void>;
  /** Waits until the target is in the page. */
  waitFor(target: Target): Promise<void>;
  /** The first match's trimmed text; throws when there is none (so `expect.poll` keeps trying). */
  text(target: Target): Promise<string>;
  count(target: Target): Promise<number>;
  /** The page's HTML, to check that a secret is nowhere in it. */
  content(): Promise<string>;
  /** The text on the system clipboard, read back in this page. */
  clipboard(): Promise<string>;
  /** Saves a screenshot as test-results/screenshots/NAME.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A web page in a tab of the same browser (a fixture console), as the fill journey needs it. */
export interface WebTab {
  url: string;
  /** The tab's id in the extension API (the popup acts on it with `?tabId=N`). */
  tabId: number;
  /** The values of the page's <input> elements, in document order. */
  inputValues(): Promise<string[]>;
  close(): Promise<void>;
}

/** What a journey needs from a browser with the extension loaded. */
export interface JourneyBrowser {
  name: 'chromium' | 'firefox';
  options(): Promise<UiPage>;
  /** The popup, as a tab the size of the toolbar popup; `query` e.g. `?tabId=N`. */
  popup(query?: string): Promise<UiPage>;
  /** Opens `url` in a new tab and waits for the fixture's ready mark. */
  openTab(url: string): Promise<WebTab>;
}

/** `screenshot` file for a page of `browser`: Chromium keeps the historical names, Firefox gets a prefix. */
export function screenshotPath(browser: JourneyBrowser['name'], name: string): string {
  return join(SCREENSHOTS, browser === 'chromium' ? `${name}.png` : `${browser}-${name}.png`);
}

/** A Playwright page as a {@link UiPage}. */
export function playwrightUi(page: Page, browser: JourneyBrowser['name'] = 'chromium'): UiPage {
  const locate = (target: Target): Locator => {
    if (typeof target === 'string') return page.locator(target);
    if ('field' in target) return page.getByLabel(target.field, { exact: true });
    const scope = target.within ? page.locator(target.within) : page;
    return scope.getByRole('button', { name: target.button, exact: true });
  };
  return {
    click: (target) => locate(target).first().click(),
    fill: (field, value) => locate({ field }).fill(value),
    waitFor: (target) => locate(target).first().waitFor(),
    async text(target) {
      const text = await locate(target).first().textContent({ timeout: 1000 });
      if (text === null) throw new Error(`no text in ${JSON.stringify(target)}`);
      return text.trim();
    },
    count: (target) => locate(target).count(),
    content: () => page.content(),
    async clipboard() {
      await page.bringToFront();
      return page.evaluate(() => navigator.clipboard.readText());
    },
    screenshot: async (name) => void (await page.screenshot({ path: screenshotPath(browser, name) })),
    close: () => page.close(),
  };
}
