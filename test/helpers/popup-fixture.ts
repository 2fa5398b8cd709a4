/**
 * What the popup end-to-end tests stand on: a companion with the demo data, and page objects for the
 * options page and the popup. `startDemoCompanion` is the one place that decides which companion runs:
 * registry-only demo regions, or, given a local Ceph cluster, demo regions provisioned into its gateways.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import type { ExtensionBrowser } from './browser.ts';
import { runCli, startCompanion } from './companion-process.ts';
import { companionConfig, type LocalCeph } from './local-ceph.ts';
import { type JourneyBrowser, playwrightUi } from './ui-page.ts';

// Functions passed to evaluate() run in extension pages, where `chrome` is the extension API.
declare const chrome: typeof extensionApi;

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface DemoCompanion {
  url: string;
  /** Its data directory (registry, sealed secrets, synced vaults). */
  dataDir: string;
  /** Personal access tokens of alice (admin), bob (member+) and carol (member). */
  tokens: Record<'alice' | 'bob' | 'carol', string>;
  /** Calls the companion's API directly, as `user`. */
  api(user: 'alice' | 'bob' | 'carol', path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Everything the process printed so far (one access-log line per request). */
  output(): string;
  stop(): Promise<void>;
}

export interface DemoCompanionOptions {
  /** Provision the demo regions into this cluster's gateways (default: registry-only). */
  ceph?: LocalCeph;
  /** Host names it answers besides loopback (its config's `allowedHosts`). */
  allowedHosts?: string[];
  /** Serve HTTPS with this certificate (`--tls-cert`/`--tls-key`). */
  tls?: { certFile: string; keyFile: string };
}

/** The companion process on a fresh data directory seeded with the demo; with `ceph`, its regions are real. */
export async function startDemoCompanion({
  ceph,
  allowedHosts = [],
  tls,
}: DemoCompanionOptions = {}): Promise<DemoCompanion> {
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-e2e-'));
  await runCli(['demo', '--data', dataDir]);
  const issued: Record<string, { token: string }> = JSON.parse(
    await readFile(join(dataDir, 'demo-tokens.json'), 'utf8'),
  );
  const args: string[] = [];
  if (ceph || allowedHosts.length > 0) {
    const config = ceph
      ? companionConfig(ceph, { statusCacheSeconds: 0, allowedHosts })
      : JSON.stringify({ allowedHosts });
    await writeFile(join(dataDir, 'config.json'), config);
    args.push('--config', join(dataDir, 'config.json'));
  }
  if (tls) args.push('--tls-cert', tls.certFile, '--tls-key', tls.keyFile);
  const companion = await startCompanion(dataDir, args);
  const tokens = { alice: issued.alice!.token, bob: issued.bob!.token, carol: issued.carol!.token };
  return {
    url: companion.url,
    dataDir,
    tokens,
    async api(user, path, body) {
      const response = await fetch(`${companion.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    output: companion.output,
    stop: async () => void (await companion.stop()),
  };
}

/** Signs in through the options page and waits until it shows the role. */
export async function signInThroughOptions(
  browser: ExtensionBrowser,
  url: string,
  token: string,
  expectedRole?: string,
): Promise<Page> {
  const options = await browser.openOptions();
  const signOut = options.getByRole('button', { name: 'Sign out' });
  const urlField = options.getByLabel('Companion URL');
  await signOut.or(urlField).first().waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await urlField.fill(url);
  await options.getByLabel('Personal access token').fill(token);
  await options.getByRole('button', { name: 'Connect' }).click();
  if (expectedRole)
    await expect.poll(() => options.getByTestId('user-role').textContent()).toBe(expectedRole);
  return options;
}

/** The popup, as a user sees it. */
export class PopupPage {
  constructor(readonly page: Page) {}

  region(id: string) {
    return this.page.locator(`[data-region="${id}"]`);
  }

  async waitForList() {
    await this.page.getByTestId('region-list').waitFor();
  }

  /** Waits until the background refresh (regions, then the quick checks) is over. */
  async waitForRefresh() {
    await expect.poll(() => this.page.getByTestId('sync-state').textContent()).toMatch(/^Updated/);
    await expect.poll(() => this.page.getByText('Checking…').count()).toBe(0);
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  async accessKeyShown() {
    return (await this.page.getByTestId('access-key-id').first().textContent())?.trim() ?? '';
  }

  async secretPanelValues() {
    return {
      accessKeyId: (await this.page.getByTestId('access-key-id').textContent())!.trim(),
      secret: (await this.page.getByTestId('secret-access-key').textContent())!.trim(),
    };
  }

  async clipboard(): Promise<string> {
    await this.page.bringToFront();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async shot(name: string) {
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}

/** Opens the popup in a tab the size of the toolbar popup. */
export async function openPopupPage(browser: ExtensionBrowser, query = ''): Promise<PopupPage> {
  const page = await browser.openPopup(query);
  await page.setViewportSize({ width: 380, height: 600 });
  return new PopupPage(page);
}

/** The Chromium browser as the shared key journey (keys-journey.ts) sees it. */
export function chromiumJourney(browser: ExtensionBrowser): JourneyBrowser {
  return {
    name: 'chromium',
    options: async () => playwrightUi(await browser.openOptions()),
    popup: async (query) => playwrightUi((await openPopupPage(browser, query)).page),
    async openTab(url) {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.waitForSelector('html[data-ready]', { state: 'attached' });
      const options = await browser.openOptions();
      const tabId = await options.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);
      await options.close();
      return {
        url,
        tabId,
        inputValues: () => page.$$eval('input', (inputs) => inputs.map((input) => input.value)),
        close: () => page.close(),
      };
    },
  };
}
