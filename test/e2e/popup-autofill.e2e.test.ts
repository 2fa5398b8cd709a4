/**
 * The popup's side of autofill in Chromium with the built extension: "Fill into page" on the secret
 * panel and on a region card, the refusal sentence, remembering a pair under a passphrase, the lock,
 * where the old key was used after a reset, and whose vault a sign-in shows. Fixture pages come from
 * test/fixtures/pages/; the popup names the page's tab with `?tabId=N`, as it is opened as a tab here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { browser as extensionApi } from 'wxt/browser';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import {
  openPopupPage,
  signInThroughOptions,
  startDemoCompanion,
  type DemoCompanion,
  type PopupPage,
} from '../helpers/popup-fixture.ts';

// Functions passed to evaluate() run in extension pages, where `chrome` is the extension API.
declare const chrome: typeof extensionApi;

const PASSPHRASE = 'correct horse battery staple';
let companion: DemoCompanion;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  [companion, fixtures, browser] = await Promise.all([
    startDemoCompanion(),
    startFixtureServer(),
    launchWithExtension(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([fixtures?.close(), companion?.stop()]);
});

/** Opens a fixture page in a tab and waits for its ready mark. */
async function openFixture(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${fixtures.url}/${path}`);
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
  return page;
}

/** The popup acting on `page`'s tab. */
async function popupFor(page: Page): Promise<PopupPage> {
  const options = await browser.openOptions();
  const tabId = await options.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]!.id!, page.url());
  await options.close();
  return openPopupPage(browser, `?tabId=${tabId}`);
}

const state = (page: Page) =>
  page.evaluate(() => (window as unknown as { state: Record<string, string> }).state);
const fillResult = (popup: PopupPage) => popup.page.getByTestId('fill-result').first();

describe('popup: fill into page, remembered pairs, where used', () => {
  let created: { accessKeyId: string; secret: string };
  let minio: Page;

  it('fills the new pair into a MinIO-like console from the secret panel: both fields hold it and Login is enabled', async () => {
    await (await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin')).close();
    minio = await openFixture('minio-console.html');
    const popup = await popupFor(minio);
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Create key for Demo North' }).click();
    await popup.dialog().getByRole('button', { name: 'Create key' }).click();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    await popup.page.getByRole('button', { name: 'Show secret access key' }).click();
    created = await popup.secretPanelValues();

    expect(await minio.isDisabled('#do-login')).toBe(true);
    // Before the click, the popup names the site the pair would go into.
    await expect
      .poll(() => popup.page.getByTestId('fill-target').textContent())
      .toBe(`into ${new URL(fixtures.url).host}`);
    await popup.page.getByRole('button', { name: 'Fill into page for Demo North' }).click();
    await expect
      .poll(() => fillResult(popup).textContent())
      .toBe(
        `Filled access key ID and secret access key into ${fixtures.url}. Nothing was submitted: check the page, then sign in.`,
      );
    expect(await state(minio)).toEqual({ accessKey: created.accessKeyId, secretKey: created.secret });
    expect(await minio.isEnabled('#do-login')).toBe(true);
    await popup.shot('popup-fill-into-page');
    await popup.page.close();
  });

  it('refuses an ordinary login form and says so in a sentence', async () => {
    const login = await openFixture('login.html');
    const popup = await popupFor(login);
    await popup.page.getByRole('button', { name: 'Fill into page for Demo North' }).click();
    // The filler waits up to 2 s for fields rendered late before it refuses.
    await expect
      .poll(() => fillResult(popup).textContent(), { timeout: 5000 })
      .toBe('This looks like an ordinary login form, not an S3 console: nothing was filled.');
    expect(
      await login.$$eval('input', (inputs) => (inputs as HTMLInputElement[]).map((i) => i.value)),
    ).toEqual(['', '']);
    await popup.shot('popup-fill-refused');
    await Promise.all([popup.page.close(), login.close()]);
  });

  it('remembers the pair under a passphrase, encrypted; after Hide secret and Lock, unlocking lets the region card fill it again', async () => {
    let popup = await popupFor(minio);
    await popup.page.getByLabel('Remember this pair in this browser (encrypted)').check();
    await popup.page.getByLabel('Set a passphrase').fill(PASSPHRASE);
    await popup.page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await popup.shot('popup-remember-pair');
    await popup.page.getByRole('button', { name: 'Remember pair' }).click();
    await popup.page.getByText('Remembered in this browser, encrypted.').waitFor();

    // Nothing readable at rest: the vault in the private IndexedDB holds ciphertext only; no storage area holds the secret.
    const stored = await popup.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>(
        (resolve) =>
          (indexedDB.open('s3keys').onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result)),
      );
      const vault = await new Promise(
        (resolve) =>
          (db.transaction('private').objectStore('private').get('rememberedKeysSynced').onsuccess = (e) =>
            resolve((e.target as IDBRequest).result)),
      );
      return { vault: JSON.stringify(vault), local: JSON.stringify(await chrome.storage.local.get(null)) };
    });
    expect(stored.vault).toMatch(/"ciphertext"/);
    expect(stored.vault).not.toContain(created.secret);
    expect(stored.vault).not.toContain(created.accessKeyId);
    expect(stored.local).not.toContain(created.secret);
    expect(stored.local).not.toMatch(/rememberedKeysKey/);

    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    await popup.page.getByText('Remembered pairs unlocked (1 pair).').waitFor();
    await popup.page.getByRole('button', { name: 'Lock now' }).click();
    await popup.page.getByText('Remembered pairs are locked.').waitFor();
    expect(await popup.page.getByRole('button', { name: 'Fill into page for Demo North' }).count()).toBe(0);
    await popup.shot('popup-remembered-locked');
    await popup.page.close();

    await minio.reload();
    await minio.waitForSelector('html[data-ready]', { state: 'attached' });
    popup = await popupFor(minio);
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Unlock remembered pairs' }).click();
    await popup.page.getByLabel('Passphrase of your remembered pairs').fill('not the passphrase');
    await popup.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popup.page.getByText('Wrong passphrase. Nothing was unlocked.').waitFor();
    await popup.page.getByLabel('Passphrase of your remembered pairs').fill(PASSPHRASE);
    await popup.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popup.page.getByText('Remembered pairs unlocked (1 pair).').waitFor();

    await popup.region('demo-north-1').getByRole('button', { name: 'Fill into page for Demo North' }).click();
    await expect
      .poll(() => popup.region('demo-north-1').getByTestId('fill-result').textContent())
      .toMatch(/^Filled access key ID and secret access key/);
    expect(await state(minio)).toEqual({ accessKey: created.accessKeyId, secretKey: created.secret });
    expect(await minio.isEnabled('#do-login')).toBe(true);
    await popup
      .region('demo-north-1')
      .getByRole('button', { name: /^Used on 1 site/ })
      .click();
    expect(
      await popup
        .region('demo-north-1')
        .getByRole('list', { name: /Sites where the key of Demo North is used/ })
        .textContent(),
    ).toContain(fixtures.url);
    await popup.shot('popup-region-fill');
    await popup.page.close();
  });

  it('after a reset, lists the sites the old key was filled into, each to open; the remembered old pair is gone', async () => {
    const popup = await popupFor(minio);
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Reset key for Demo North' }).click();
    await popup.dialog().getByRole('button', { name: 'Reset key' }).click();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    const sites = popup.page.getByRole('list', { name: 'Sites where the old key was used' });
    await sites.waitFor();
    expect(await popup.page.getByTestId('old-key-sites').textContent()).toContain(
      'The old key was filled into 1 site',
    );
    expect(await sites.textContent()).toContain(fixtures.url);
    await popup.shot('popup-reset-where-used');

    const opened = browser.context.waitForEvent('page');
    await sites.getByRole('button', { name: `Open ${fixtures.url} in a new tab` }).click();
    expect(new URL((await opened).url()).origin).toBe(fixtures.url);

    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    const north = popup.region('demo-north-1');
    await north.getByTestId('stale-sites').waitFor();
    expect(await north.getByTestId('stale-sites').textContent()).toContain('1 site still has the old key');
    // The remembered pair was the old key: it no longer works, so it is gone from the store and the card.
    await popup.page.getByText('Remembered pairs unlocked (0 pairs).').waitFor();
    expect(await north.getByRole('button', { name: 'Fill into page for Demo North' }).count()).toBe(0);
    await popup.shot('popup-region-stale-sites');
    await popup.page.close();
  });

  it('after alice signs out, bob signing in on the same browser never finds her pairs; she finds them locked when she is back', async () => {
    let popup = await popupFor(minio);
    await popup.page.getByText(/^Remembered pairs unlocked/).waitFor();
    await popup.page.close();
    await (await signInThroughOptions(browser, companion.url, companion.tokens.bob, 'member+')).close();
    // Sign-in brings the vault copy to bob's (he has none): alice's copy is gone from this browser, not locked.
    popup = await popupFor(minio);
    await popup.waitForRefresh();
    expect(await popup.page.getByRole('region', { name: 'Remembered pairs' }).count()).toBe(0);
    expect(await popup.page.getByText(/^Remembered pairs (unlocked|are locked)/).count()).toBe(0);
    await popup.page.close();
    // Her vault stayed on the companion: back on this browser, it is hers again, locked.
    await (await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin')).close();
    popup = await popupFor(minio);
    await popup.waitForList();
    await popup.page.getByText('Remembered pairs are locked.').waitFor();
    expect(await popup.page.getByText(/^Remembered pairs unlocked/).count()).toBe(0);
    await popup.page.close();
  });
});
