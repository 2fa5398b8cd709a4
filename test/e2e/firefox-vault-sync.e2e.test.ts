// Credential sync across browser makes: a pair remembered in Chromium (profile A) is unlocked in Firefox
// ESR (profile B, the Firefox build as a temporary add-on) with the same passphrase — a wrong one is
// refused — and filled into a fixture console there; a reset in A shows the pair retired in B. One real
// companion; both browsers driven through the browser-neutral page objects of ui-page.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from '../helpers/firefox.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { signIn } from '../helpers/keys-journey.ts';
import { chromiumJourney, startDemoCompanion, type DemoCompanion } from '../helpers/popup-fixture.ts';
import type { JourneyBrowser, UiPage } from '../helpers/ui-page.ts';

const PASSPHRASE = 'juniper kettle seventy';
const REGION_LIST = '[data-testid="region-list"]';
const NORTH_CARD = '[data-region="demo-north-1"]';
const VAULT_STATE = '[aria-label="Remembered pairs"] .vault__text';

let companion: DemoCompanion;
let fixtures: FixtureServer;
let chromium: ExtensionBrowser;
let firefox: FirefoxWithExtension;
let a: JourneyBrowser;

beforeAll(async () => {
  [companion, fixtures, chromium, firefox] = await Promise.all([
    startDemoCompanion(),
    startFixtureServer(),
    launchWithExtension(),
    launchFirefoxWithExtension(),
  ]);
  a = chromiumJourney(chromium);
});
afterAll(async () => {
  await Promise.all([chromium?.close(), firefox?.close()]);
  await Promise.all([fixtures?.close(), companion?.stop()]);
});

/** Creates or resets Demo North in `popup` and returns the shown pair (its secret panel stays open). */
async function newNorthPair(popup: UiPage, action: 'Create' | 'Reset') {
  await popup.waitFor(REGION_LIST);
  await popup.click({ button: `${action} key for Demo North` });
  await popup.click({ button: `${action} key`, within: '[role="dialog"]' });
  await popup.waitFor({ button: 'Hide secret' });
  await popup.click({ button: 'Show secret access key' });
  return {
    accessKeyId: await popup.text('[data-testid="access-key-id"]'),
    secret: await popup.text('[data-testid="secret-access-key"]'),
  };
}

describe('credential sync from Chromium to Firefox', () => {
  let north: { accessKeyId: string; secret: string };

  it('remembered in Chromium, unlocked in Firefox with the passphrase (a wrong one refused), filled into a console there', async () => {
    for (const browser of [a, firefox])
      await (await signIn(browser, companion.url, companion.tokens.alice, 'admin')).close();
    const popupA = await a.popup();
    north = await newNorthPair(popupA, 'Create');
    await popupA.click({ field: 'Remember this pair in this browser (encrypted)' });
    await popupA.fill('Set a passphrase', PASSPHRASE);
    await popupA.fill('Confirm passphrase', PASSPHRASE);
    await popupA.click({ button: 'Remember pair' });
    await popupA.waitFor('.remember--done');
    await popupA.click({ button: 'Hide secret' });
    await popupA.waitFor(REGION_LIST);
    await popupA.close();

    const minio = await firefox.openTab(`${fixtures.url}/minio-console.html`);
    const popupB = await firefox.popup(`?tabId=${minio.tabId}`);
    await popupB.waitFor({ button: 'Unlock remembered pairs' });
    expect(await popupB.text(VAULT_STATE)).toBe('Remembered pairs are locked.');
    await popupB.click({ button: 'Unlock remembered pairs' });
    await popupB.fill('Passphrase of your remembered pairs', 'not the passphrase');
    await popupB.click({ button: 'Unlock' });
    await expect
      .poll(() => popupB.text('[role="alert"]'), { timeout: 10_000 })
      .toBe('Wrong passphrase. Nothing was unlocked.');
    await popupB.fill('Passphrase of your remembered pairs', PASSPHRASE);
    await popupB.click({ button: 'Unlock' });
    await expect
      .poll(() => popupB.text(VAULT_STATE), { timeout: 10_000 })
      .toBe('Remembered pairs unlocked (1 pair).');
    await popupB.click({ button: 'Fill into page for Demo North', within: NORTH_CARD });
    await expect
      .poll(() => popupB.text(`${NORTH_CARD} [data-testid="fill-result"]`), { timeout: 5000 })
      .toMatch(/^Filled access key ID and secret access key/);
    expect(await minio.inputValues()).toEqual([north.accessKeyId, north.secret]);
    await popupB.screenshot('vault-sync-unlocked');
    await Promise.all([popupB.close(), minio.close()]);
  });

  it('a reset in Chromium shows the pair retired in Firefox at its next sync', async () => {
    const popupA = await a.popup();
    await newNorthPair(popupA, 'Reset');
    await popupA.click({ button: 'Hide secret' });
    await popupA.waitFor(REGION_LIST);
    await popupA.close();

    const popupB = await firefox.popup();
    await popupB.waitFor('[aria-label="Retired remembered pairs"]');
    expect(await popupB.text('[aria-label="Retired remembered pairs"]')).toContain(north.accessKeyId);
    expect(await popupB.text(VAULT_STATE)).toBe('Remembered pairs unlocked (0 pairs).');
    expect(await popupB.count({ button: 'Fill into page for Demo North', within: NORTH_CARD })).toBe(0);
    await popupB.screenshot('vault-sync-retired');
    await popupB.close();
  });
});
