// Signing in, in Debian's Chromium with the built extension, against the real companion process.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { closedPort } from '../helpers/closed-port.ts';
import {
  openPopupPage,
  SCREENSHOTS,
  signInThroughOptions,
  startDemoCompanion,
  type DemoCompanion,
} from '../helpers/popup-fixture.ts';

let companion: DemoCompanion;
let browser: ExtensionBrowser;

beforeAll(async () => {
  companion = await startDemoCompanion();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await companion?.stop();
});

async function signOut() {
  const options = await browser.openOptions();
  await options.getByRole('button', { name: 'Sign out' }).click();
  await options.getByLabel('Personal access token').waitFor();
  await options.close();
}

describe('sign-in', () => {
  it('on install, the extension opens its options page with the sign-in', async () => {
    const firstRun = `chrome-extension://${browser.extensionId}/options.html`;
    await expect.poll(() => browser.context.pages().some((page) => page.url() === firstRun)).toBe(true);
    const page = browser.context.pages().find((p) => p.url() === firstRun)!;
    await page.getByLabel('Personal access token').waitFor();
    await page.close();
  });

  it('alice connects on the options page and sees her name, role and account; the popup then lists her regions', async () => {
    const options = await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin');
    expect(await options.getByTestId('account-name').textContent()).toBe('Demo');
    expect(await options.getByTestId('user-name').textContent()).toContain('Alice');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-signed-in.png') });
    await options.close();

    const popup = await openPopupPage(browser);
    await popup.waitForList();
    expect(await popup.page.getByTestId('who').textContent()).toBe('Alice · admin · Demo');
    await popup.page.close();
  });

  it('Sign out forgets the token: the popup shows the first-run sign-in, which works too', async () => {
    await signOut();
    const popup = await openPopupPage(browser);
    await popup.page.getByLabel('Personal access token').waitFor();
    expect(await popup.page.getByLabel('Companion URL').inputValue()).toBe('http://127.0.0.1:8787');
    await popup.shot('popup-first-run');
    await popup.page.getByLabel('Companion URL').fill(companion.url);
    await popup.page.getByLabel('Personal access token').fill(companion.tokens.bob);
    await popup.page.getByRole('button', { name: 'Connect' }).click();
    await popup.waitForList();
    expect(await popup.page.getByTestId('who').textContent()).toBe('Bob · member+ · Demo');
    await popup.page.close();
    await signOut();
  });

  it('a wrong token gets a clear message and stays on sign-in', async () => {
    const popup = await openPopupPage(browser);
    await popup.page.getByLabel('Companion URL').fill(companion.url);
    await popup.page
      .getByLabel('Personal access token')
      .fill('s3k_0000000000000000_nottherighttokennottherighttokennottherigh');
    await popup.page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => popup.page.getByRole('alert').textContent()).toMatch(/did not accept this token/);
    await popup.shot('sign-in-rejected');
    await popup.page.close();
  });

  it('carol (member) is told that keys need admin or member+', async () => {
    const options = await signInThroughOptions(browser, companion.url, companion.tokens.carol, 'member');
    expect(await options.getByText('S3 keys need the admin or member+ role.').isVisible()).toBe(true);
    await options.close();
    await signOut();
  });

  it('when the companion is unreachable, the sign-in says so', async () => {
    const port = await closedPort();
    const popup = await openPopupPage(browser);
    await popup.page.getByLabel('Companion URL').fill(`http://127.0.0.1:${port}`);
    await popup.page.getByLabel('Personal access token').fill(companion.tokens.alice);
    await popup.page.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => popup.page.getByRole('alert').textContent())
      .toBe(
        `Nothing answers at http://127.0.0.1:${port} (net::ERR_CONNECTION_REFUSED). Check the URL, or ask whoever runs the companion whether it is up.`,
      );
    await popup.shot('companion-unreachable');
    await popup.page.close();
  });
});
