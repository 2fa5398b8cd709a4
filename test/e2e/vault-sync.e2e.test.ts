/**
 * Credential sync end to end: two Chromium profiles with the built extension, signed in as alice to one
 * real companion process. A pair remembered in A is unlocked in B with the passphrase (a wrong one changes
 * nothing) and filled into a fixture console there; a reset in A shows the pair retired in B after sync,
 * with the old key's sites; pairs remembered in A and B at the same moment both survive; an item with one
 * byte flipped in the companion's file is refused in a third browser while the other opens; "Forget all"
 * in B empties A. Afterwards the companion's data directory and log hold no secret, passphrase or derived key.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { logWritten } from '../helpers/companion-process.ts';

// Functions passed to evaluate() run in extension pages, where `chrome` is the extension API.
declare const chrome: typeof extensionApi;

const PASSPHRASE = 'tangerine orbit lantern 42';
let companion: DemoCompanion;
let fixtures: FixtureServer;
let a: ExtensionBrowser;
let b: ExtensionBrowser;
/** Every secret the test saw, to look for at rest afterwards. */
const secrets: string[] = [PASSPHRASE];

beforeAll(async () => {
  [companion, fixtures, a, b] = await Promise.all([
    startDemoCompanion(),
    startFixtureServer(),
    launchWithExtension(),
    launchWithExtension(),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await Promise.all([fixtures?.close(), companion?.stop()]);
});

/** The popup of `browser`, acting on `page`'s tab when given; it syncs the vault as it opens. */
async function popupOf(browser: ExtensionBrowser, page?: Page): Promise<PopupPage> {
  let query = '';
  if (page) {
    const options = await browser.openOptions();
    const tabId = await options.evaluate(
      async (url) => (await chrome.tabs.query({ url }))[0]!.id!,
      page.url(),
    );
    await options.close();
    query = `?tabId=${tabId}`;
  }
  const popup = await openPopupPage(browser, query);
  await popup.waitForList();
  return popup;
}

/** Runs a create or reset of Demo `region` in the popup and returns the new pair from its secret panel. */
async function newPair(popup: PopupPage, action: 'Create' | 'Reset', region: 'North' | 'South') {
  await popup.page.getByRole('button', { name: `${action} key for Demo ${region}` }).click();
  await popup
    .dialog()
    .getByRole('button', { name: `${action} key` })
    .click();
  await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
  await popup.page.getByRole('button', { name: 'Show secret access key' }).click();
  const pair = await popup.secretPanelValues();
  secrets.push(pair.secret);
  return pair;
}

/** Remembers the pair of the open secret panel (the vault is unlocked, or `passphrase` sets it up). */
async function rememberShownPair(popup: PopupPage, passphrase?: string) {
  await popup.page.getByLabel('Remember this pair in this browser (encrypted)').check();
  if (passphrase) {
    await popup.page.getByLabel('Set a passphrase').fill(passphrase);
    await popup.page.getByLabel('Confirm passphrase').fill(passphrase);
  }
  await popup.page.getByRole('button', { name: 'Remember pair' }).click();
  await popup.page.getByText('Remembered in this browser, encrypted.').waitFor();
}

const hideSecret = async (popup: PopupPage) => {
  await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
  await popup.waitForList();
};

async function openFixture(browser: ExtensionBrowser, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${fixtures.url}/${path}`);
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
  return page;
}

describe('credential sync between two browsers of one user', () => {
  let north: { accessKeyId: string; secret: string };
  let minioInB: Page;

  it('remembered in A, the pair is in B after unlocking with the passphrase (a wrong one says so), and fills a console there', async () => {
    for (const browser of [a, b])
      await (await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin')).close();
    const popupA = await popupOf(a);
    north = await newPair(popupA, 'Create', 'North');
    await rememberShownPair(popupA, PASSPHRASE);
    await hideSecret(popupA);
    await popupA.page.close();

    minioInB = await openFixture(b, 'minio-console.html');
    const popupB = await popupOf(b, minioInB);
    // B never opted in: the vault it finds is the one synced from A, locked.
    await popupB.page.getByText('Remembered pairs are locked.').waitFor();
    await popupB.page.getByRole('button', { name: 'Unlock remembered pairs' }).click();
    await popupB.page.getByLabel('Passphrase of your remembered pairs').fill('not the passphrase');
    await popupB.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popupB.page.getByText('Wrong passphrase. Nothing was unlocked.').waitFor();
    expect(await popupB.page.getByText(/^Remembered pairs unlocked/).count()).toBe(0);

    const started = performance.now();
    await popupB.page.getByLabel('Passphrase of your remembered pairs').fill(PASSPHRASE);
    await popupB.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await popupB.page.getByText('Remembered pairs unlocked (1 pair).').waitFor();
    console.log(
      `vault e2e: unlock in B (1 pair, 600,000 PBKDF2 rounds) shown after ${(performance.now() - started).toFixed(0)} ms`,
    );

    const card = popupB.region('demo-north-1');
    await card.getByRole('button', { name: 'Fill into page for Demo North' }).click();
    await expect
      .poll(() => card.getByTestId('fill-result').textContent())
      .toMatch(/^Filled access key ID and secret access key/);
    expect(await minioInB.evaluate(() => (window as unknown as { state: unknown }).state)).toEqual({
      accessKey: north.accessKeyId,
      secretKey: north.secret,
    });
    await popupB.shot('vault-sync-unlocked-in-b');
    await popupB.page.close();
  });

  it('a reset in A retires the old pair in B at its next sync; B still lists the sites of the old key', async () => {
    const popupA = await popupOf(a);
    await newPair(popupA, 'Reset', 'North');
    await hideSecret(popupA);
    await popupA.page.close();

    const popupB = await popupOf(b, minioInB);
    const retired = popupB.page.getByRole('list', { name: 'Retired remembered pairs' });
    await retired.waitFor();
    expect(await retired.textContent()).toContain(north.accessKeyId);
    await popupB.page.getByText('Remembered pairs unlocked (0 pairs).').waitFor();
    const card = popupB.region('demo-north-1');
    expect(await card.getByRole('button', { name: 'Fill into page for Demo North' }).count()).toBe(0);
    await card.getByTestId('stale-sites').waitFor();
    expect(await card.getByTestId('stale-sites').textContent()).toContain('1 site still has the old key');
    await popupB.shot('vault-sync-retired-in-b');
    await popupB.page.close();
  });

  it('pairs remembered in A and in B at the same moment both survive, in both browsers', async () => {
    const [popupA, popupB] = await Promise.all([popupOf(a), popupOf(b)]);
    const newNorth = await newPair(popupA, 'Reset', 'North');
    const south = await newPair(popupB, 'Create', 'South');
    for (const popup of [popupA, popupB])
      await popup.page.getByLabel('Remember this pair in this browser (encrypted)').check();
    await Promise.all(
      [popupA, popupB].map((popup) => popup.page.getByRole('button', { name: 'Remember pair' }).click()),
    );
    for (const popup of [popupA, popupB]) {
      await popup.page.getByText('Remembered in this browser, encrypted.').waitFor();
      await hideSecret(popup);
      await popup.page.close();
    }
    for (const browser of [a, b]) {
      const popup = await popupOf(browser);
      await popup.page.getByText('Remembered pairs unlocked (2 pairs).').waitFor();
      for (const [region, name] of [
        ['demo-north-1', 'North'],
        ['demo-south-1', 'South'],
      ] as const)
        await popup
          .region(region)
          .getByRole('button', { name: `Fill into page for Demo ${name}` })
          .waitFor();
      await popup.page.close();
    }
    expect(newNorth.accessKeyId).not.toBe(south.accessKeyId);
  });

  it("an item with one byte changed in the companion's file is refused in a third browser with a sentence; the other opens", async () => {
    const [file] = await readdir(join(companion.dataDir, 'vaults'));
    const path = join(companion.dataDir, 'vaults', file!);
    const stored = JSON.parse(await readFile(path, 'utf8'));
    // A remembered pair (version 1; version 2 is a retired one).
    const item = stored.content.items.find((i: { version: number }) => i.version === 1);
    const bytes = Buffer.from(item.ciphertext, 'base64');
    bytes[3]! ^= 0x01;
    item.ciphertext = bytes.toString('base64');
    await writeFile(path, JSON.stringify(stored));

    const c = await launchWithExtension();
    try {
      await (await signInThroughOptions(c, companion.url, companion.tokens.alice, 'admin')).close();
      const popup = await popupOf(c);
      await popup.page.getByRole('button', { name: 'Unlock remembered pairs' }).click();
      await popup.page.getByLabel('Passphrase of your remembered pairs').fill(PASSPHRASE);
      await popup.page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await popup.page.getByText('Remembered pairs unlocked (1 pair).').waitFor();
      expect(await popup.page.getByRole('alert').textContent()).toMatch(
        /^1 remembered item could not be opened: changed outside this browser \(tampered with or damaged\)/,
      );
      await popup.shot('vault-sync-tampered-item');
      await popup.page.close();
    } finally {
      await c.close();
    }
  });

  it('"Forget all remembered pairs" in B empties A too at its next sync', async () => {
    const popupB = await popupOf(b);
    await popupB.page.getByRole('button', { name: 'Forget all remembered pairs' }).click();
    await popupB.page.getByRole('button', { name: 'Forget all', exact: true }).click();
    await popupB.page.getByText('Remembered pairs unlocked (0 pairs).').waitFor();
    expect(await popupB.page.getByRole('list', { name: 'Retired remembered pairs' }).count()).toBe(0);
    await popupB.page.close();

    const popupA = await popupOf(a);
    await popupA.page.getByText('Remembered pairs unlocked (0 pairs).').waitFor();
    expect(await popupA.page.getByRole('button', { name: /^Fill into page for/ }).count()).toBe(0);
    await popupA.page.close();
  });

  it('the companion kept ciphertext only: no secret, passphrase or derived key in its data directory or its log', async () => {
    const options = await b.openOptions();
    const derived = await options.evaluate(
      async () => (await chrome.storage.session.get('rememberedKeysKey')).rememberedKeysKey as string,
    );
    await options.close();
    expect(derived).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const derivedHex = Buffer.from(derived, 'base64').toString('hex');
    const vaultFiles = await readdir(join(companion.dataDir, 'vaults'));
    expect(vaultFiles).toHaveLength(1);
    await logWritten();
    const atRest = [companion.output()];
    for (const file of await readdir(companion.dataDir, { recursive: true })) {
      const text = await readFile(join(companion.dataDir, file)).catch(() => null);
      if (text) atRest.push(text.toString('latin1'));
    }
    for (const text of atRest)
      for (const value of [...secrets, derived, derivedHex]) expect(text.includes(value)).toBe(false);
    expect(secrets).toHaveLength(5);
  });
});
