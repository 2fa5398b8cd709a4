/**
 * Chromium with the built extension for the autofill tests: like `launchWithExtension`, plus host
 * names mapped to 127.0.0.1 so a fixture page can be served from a non-loopback http: origin.
 *
 * Playwright cannot press the toolbar button, the extension's keyboard command (headless Chromium
 * does not route injected keys to extension accelerators) or a context-menu item, so no activeTab
 * grant ever happens. A copy of the build with a host permission for the mapped names stands in for
 * it; the loopback fixture origins are already in the real manifest's host_permissions.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright';
import { EXTENSION_DIR, launchWithExtension } from './browser.ts';

/** Names that resolve to 127.0.0.1 in this browser: a plain http: host and a punycode look-alike. */
export const MAPPED_HOSTS = ['console.test', 'xn--mnio-8pa.test'];

export interface AutofillBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  /** An extension page (options.html) to send messages from, opened once. */
  extensionPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchForAutofill(): Promise<AutofillBrowser> {
  const extension = await withHostAccess(MAPPED_HOSTS.map((host) => `http://${host}/*`));
  const browser = await launchWithExtension({
    extensionDir: extension,
    mapToLoopback: MAPPED_HOSTS,
    viewport: { width: 1000, height: 800 },
  });
  let page: Page | undefined;
  return {
    context: browser.context,
    extensionId: browser.extensionId,
    worker: browser.worker,
    async extensionPage() {
      if (!page || page.isClosed()) page = await browser.openOptions();
      return page;
    },
    close: browser.close,
  };
}

/** A copy of the built extension whose manifest also grants `patterns`. */
async function withHostAccess(patterns: string[]): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 's3keys-ext-')), 'chrome-mv3');
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...patterns];
  await writeFile(manifestFile, JSON.stringify(manifest));
  return dir;
}
