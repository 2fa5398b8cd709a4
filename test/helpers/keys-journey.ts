/**
 * The key journey a user takes in the popup, with its assertions, written once for every browser
 * (Chromium through Playwright, Firefox through puppeteer-core; see ui-page.ts): sign in, create a key,
 * reveal and copy both values, Hide secret, reset, fill a pair into a console and refuse a login form,
 * and a member's view. Where a gateway is given, the pairs are checked on the real RGW too.
 */
import { expect } from 'vitest';
import { type ClusterRegion, listBuckets } from './local-ceph.ts';
import type { JourneyBrowser, UiPage } from './ui-page.ts';

/** A key pair as the popup showed it. */
export interface ShownPair {
  accessKeyId: string;
  secret: string;
}

/** The region the journey works in, and its gateway when it runs on Ceph. */
export interface JourneyRegion {
  id: string;
  name: string;
  gateway?: ClusterRegion;
}

const DIALOG = '[role="dialog"]';
const REGION_LIST = '[data-testid="region-list"]';
const ACCESS_KEY = '[data-testid="access-key-id"]';
const SECRET = '[data-testid="secret-access-key"]';
const FILL_RESULT = '[data-testid="fill-result"]';
const HIDE_SECRET = { button: 'Hide secret' };

/** What the gateway says to a ListBuckets with `pair`: 'ok' or the error's name. */
const onGateway = (gateway: ClusterRegion, pair: ShownPair) =>
  listBuckets(gateway, { accessKeyId: pair.accessKeyId, secretAccessKey: pair.secret });

/** Signs in on the options page (signing out first if needed) and waits until it shows the role. */
export async function signIn(
  browser: JourneyBrowser,
  url: string,
  token: string,
  role: string,
): Promise<UiPage> {
  const options = await browser.options();
  await expect
    .poll(
      async () =>
        (await options.count({ button: 'Sign out' })) + (await options.count({ field: 'Companion URL' })),
    )
    .toBeGreaterThan(0);
  if ((await options.count({ button: 'Sign out' })) > 0) await options.click({ button: 'Sign out' });
  await options.fill('Companion URL', url);
  await options.fill('Personal access token', token);
  await options.click({ button: 'Connect' });
  await expect.poll(() => options.text('[data-testid="user-role"]')).toBe(role);
  return options;
}

/** Waits until the popup's background refresh (regions, then the quick checks) is over. */
export async function waitForRefresh(popup: UiPage): Promise<void> {
  await expect.poll(() => popup.text('[data-testid="sync-state"]')).toMatch(/^Updated/);
  await expect.poll(() => popup.text('body')).not.toContain('Checking…');
}

/** Reads the pair on the new-pair panel after clicking the secret's eye. */
async function revealPair(popup: UiPage): Promise<ShownPair> {
  await popup.click({ button: 'Show secret access key' });
  return { accessKeyId: await popup.text(ACCESS_KEY), secret: await popup.text(SECRET) };
}

/**
 * Creates the region's key through the modal; the secret is masked until its eye is clicked; both
 * values (and the environment-variable form) copy to the clipboard. Leaves the secret pending.
 */
export async function createAndCopyKey(browser: JourneyBrowser, region: JourneyRegion): Promise<ShownPair> {
  const popup = await browser.popup();
  await popup.waitFor(REGION_LIST);
  await popup.click({ button: `Create key for ${region.name}` });
  await expect.poll(() => popup.text(DIALOG)).toContain(`Create a key for ${region.name}`);
  await popup.screenshot('popup-create-modal');
  await popup.click({ button: 'Create key', within: DIALOG });

  await popup.waitFor(HIDE_SECRET);
  expect(await popup.text(SECRET)).toMatch(/^•+$/);
  await popup.screenshot('popup-secret-masked');
  const pair = await revealPair(popup);
  expect(pair.secret).toMatch(/^\S{20,}$/);
  await popup.screenshot('popup-secret-revealed');

  await popup.click({ button: 'Copy access key ID' });
  await expect.poll(() => popup.clipboard()).toBe(pair.accessKeyId);
  await popup.click({ button: 'Copy secret access key' });
  await expect.poll(() => popup.clipboard()).toBe(pair.secret);
  await popup.click({ button: 'Copy as environment variables' });
  await expect.poll(() => popup.clipboard()).toContain(`export AWS_SECRET_ACCESS_KEY=${pair.secret}`);
  // The pair as copied works on the region's gateway at once.
  if (region.gateway) expect(await onGateway(region.gateway, pair)).toBe('ok');
  await popup.close();
  return pair;
}

/** Hide secret erases the pending secret for good: gone now and after reopening; the list shows the key. */
export async function hideSecretAndReopen(
  browser: JourneyBrowser,
  region: JourneyRegion,
  pair: ShownPair,
): Promise<void> {
  const popup = await browser.popup();
  await popup.click(HIDE_SECRET);
  await popup.waitFor(REGION_LIST);
  await expect.poll(() => popup.text(`[data-region="${region.id}"] ${ACCESS_KEY}`)).toBe(pair.accessKeyId);
  expect(await popup.text(`[data-region="${region.id}"]`)).toContain('CONFIGURED');
  await popup.close();

  const reopened = await browser.popup();
  await reopened.waitFor(REGION_LIST);
  expect(await reopened.count(HIDE_SECRET)).toBe(0);
  expect(await reopened.content()).not.toContain(pair.secret);
  await reopened.close();
}

/**
 * Resets the key through the warning modal: the new pair shows, naming the one it replaced; on the
 * gateway the old pair is refused at once and the new one works. Leaves the new secret pending.
 */
export async function resetKey(
  browser: JourneyBrowser,
  region: JourneyRegion,
  old: ShownPair,
): Promise<ShownPair> {
  const popup = await browser.popup();
  await popup.waitFor(REGION_LIST);
  await popup.click({ button: `Reset key for ${region.name}` });
  await expect.poll(() => popup.text(DIALOG)).toContain('The existing keys stop working immediately');
  await popup.screenshot('popup-reset-modal');
  await popup.click({ button: 'Reset key', within: DIALOG });
  await popup.waitFor(HIDE_SECRET);
  const after = await revealPair(popup);
  expect(after.accessKeyId).not.toBe(old.accessKeyId);
  expect(await popup.text('body')).toContain(`replaces ${old.accessKeyId}`);
  if (region.gateway) {
    expect(await onGateway(region.gateway, old)).toBe('InvalidAccessKeyId');
    expect(await onGateway(region.gateway, after)).toBe('ok');
  }
  await popup.close();
  return after;
}

/** Clicks Fill into page on the pending pair's panel, in a popup acting on `tabId`; returns the sentence shown. */
async function fillFromPanel(
  browser: JourneyBrowser,
  region: JourneyRegion,
  tabId: number,
  expected: string,
) {
  const popup = await browser.popup(`?tabId=${tabId}`);
  await popup.waitFor(HIDE_SECRET);
  await popup.click({ button: `Fill into page for ${region.name}` });
  // The filler waits up to 2 s for fields rendered late before it refuses.
  await expect.poll(() => popup.text(FILL_RESULT), { timeout: 5000 }).toBe(expected);
  return popup;
}

/**
 * Fills the pending pair into a MinIO-like console page (both fields hold it, nothing is submitted),
 * then refuses an ordinary login form (both fields stay empty). `pages` serves test/fixtures/pages.
 */
export async function fillConsoleAndRefuseLogin(
  browser: JourneyBrowser,
  region: JourneyRegion,
  pages: string,
  pair: ShownPair,
): Promise<void> {
  const minio = await browser.openTab(`${pages}/minio-console.html`);
  const filled = await fillFromPanel(
    browser,
    region,
    minio.tabId,
    `Filled access key ID and secret access key into ${pages}. Nothing was submitted: check the page, then sign in.`,
  );
  expect(await minio.inputValues()).toEqual([pair.accessKeyId, pair.secret]);
  await filled.screenshot('popup-fill-into-page');
  await filled.close();

  const login = await browser.openTab(`${pages}/login.html`);
  const refused = await fillFromPanel(
    browser,
    region,
    login.tabId,
    'This looks like an ordinary login form, not an S3 console: nothing was filled.',
  );
  expect(await login.inputValues()).toEqual(['', '']);
  await refused.screenshot('popup-fill-refused');
  await Promise.all([refused.close(), minio.close(), login.close()]);
}

/** A member sees no key controls, only why. */
export async function memberView(browser: JourneyBrowser, region: JourneyRegion): Promise<void> {
  const popup = await browser.popup();
  await expect.poll(() => popup.text('main')).toContain('S3 keys need the admin or member+ role.');
  await waitForRefresh(popup);
  expect(await popup.count({ button: `Create key for ${region.name}` })).toBe(0);
  expect(await popup.count({ button: `Reset key for ${region.name}` })).toBe(0);
  expect(await popup.count(REGION_LIST)).toBe(0);
  await popup.screenshot('popup-member');
  await popup.close();
}
