// Accessibility of the popup in Debian's Chromium with the built extension, against the companion process
// (registry-only demo regions are enough here): axe-core's WCAG 2.0/2.1 A and AA rules pass in light and
// dark in every main state, and keyboard focus lands where the user continues after a dialog.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import {
  openPopupPage,
  signInThroughOptions,
  startDemoCompanion,
  type DemoCompanion,
  type PopupPage,
} from '../helpers/popup-fixture.ts';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['light', 'dark'] as const;
// An axe run takes seconds on a busy 2-core machine, and a test makes up to six.
const AXE_TIMEOUT = { timeout: 300_000 };

let companion: DemoCompanion;
let browser: ExtensionBrowser;

beforeAll(async () => {
  companion = await startDemoCompanion();
  browser = await launchWithExtension();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await browser?.close();
  await companion?.stop();
});

/** Runs axe on the popup as it stands, in light then dark, saving a screenshot of each as `a11y-<state>-<scheme>`. */
async function expectAccessible(popup: PopupPage, state: string) {
  for (const colorScheme of SCHEMES) {
    await popup.page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page: popup.page }).withTags(WCAG_A_AA).analyze();
    await popup.shot(`a11y-${state}-${colorScheme}`);
    const found = violations.map((v) => ({
      scheme: colorScheme,
      rule: v.id,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
    expect(found).toEqual([]);
  }
  await popup.page.emulateMedia({ colorScheme: null });
}

/** Presses Tab until the focused element's accessible text matches `name` (keyboard only, as a user would). */
async function tabTo(popup: PopupPage, name: RegExp) {
  for (let presses = 0; presses < 60; presses++) {
    await popup.page.keyboard.press('Tab');
    const focused = await popup.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.getAttribute('aria-label') ?? ''} ${el?.textContent ?? ''}`;
    });
    if (name.test(focused)) return;
  }
  throw new Error(`no control matching ${name} is reachable with Tab`);
}

/** What has the focus: its tag, and its id or region. */
const focused = (popup: PopupPage) =>
  popup.page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return { tag: el.tagName, id: el.id, region: el.dataset.region ?? null, text: el.textContent };
  });

describe('popup accessibility (axe-core, WCAG 2.1 A/AA), light and dark', AXE_TIMEOUT, () => {
  it('signed out: the first-run sign-in', async () => {
    const popup = await openPopupPage(browser);
    await popup.page.getByLabel('Personal access token').waitFor();
    await expectAccessible(popup, 'signed-out');
    await popup.page.close();
  });

  it('the region list, the create dialog, and the new pair with its secret revealed (alice, admin)', async () => {
    (await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin')).close();
    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.waitForRefresh();
    await expectAccessible(popup, 'list');

    await popup.page.getByRole('button', { name: 'Create key for Demo North' }).click();
    await popup.dialog().getByRole('button', { name: 'Create key' }).waitFor();
    await expectAccessible(popup, 'create-dialog');

    await popup.dialog().getByRole('button', { name: 'Create key' }).click();
    await popup.page.getByRole('button', { name: 'Show secret access key' }).click();
    const { secret } = await popup.secretPanelValues();
    expect(secret).toMatch(/^\S{20,}$/);
    await expectAccessible(popup, 'secret-revealed');

    // The copy toast, at the top centre, in both themes.
    await popup.page.getByRole('button', { name: 'Copy secret access key' }).click();
    await expect.poll(() => popup.page.getByTestId('toast').textContent()).toBe('Secret access key copied');
    expect(await popup.clipboard()).toBe(secret);
    const box = (await popup.page.locator('.toast').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - 190)).toBeLessThan(2);
    expect(box.y).toBeLessThan(20);
    for (const colorScheme of SCHEMES) {
      await popup.page.emulateMedia({ colorScheme });
      await popup.shot(`popup-copy-toast-${colorScheme}`);
    }
    await expect.poll(() => popup.page.getByTestId('toast').textContent(), { timeout: 15_000 }).toBe('');

    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    await popup.page.close();
  });

  it('the member view (carol)', async () => {
    (await signInThroughOptions(browser, companion.url, companion.tokens.carol, 'member')).close();
    const popup = await openPopupPage(browser);
    await popup.page.getByText('S3 keys need the admin or member+ role.').waitFor();
    await popup.waitForRefresh();
    await expectAccessible(popup, 'member');
    await popup.page.close();
  });
});

describe('popup focus after a dialog, keyboard only', () => {
  it('lands on the new pair’s heading after confirming a create, and on the region’s card after Hide secret', async () => {
    (await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin')).close();
    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.waitForRefresh();

    await tabTo(popup, /Create key for Demo South/);
    await popup.page.keyboard.press('Enter');
    await popup.dialog().waitFor();
    expect((await focused(popup)).text).toBe('Cancel');
    await popup.page.keyboard.press('Tab');
    expect((await focused(popup)).text).toBe('Create key');
    await popup.page.keyboard.press('Enter');

    await popup.page.getByRole('heading', { name: 'New key for Demo South' }).waitFor();
    await expect.poll(() => focused(popup)).toMatchObject({ tag: 'H2', text: 'New key for Demo South' });
    await popup.shot('popup-focus-new-pair');

    await tabTo(popup, /Hide secret/);
    await popup.page.keyboard.press('Enter');
    await popup.waitForList();
    await expect.poll(() => focused(popup)).toMatchObject({ tag: 'LI', region: 'demo-south-1' });
    await popup.shot('popup-focus-region-card');
    await popup.page.close();
  });
});
