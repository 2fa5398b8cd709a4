// The popup's key workflows in Debian's Chromium with the built extension, against the companion process
// provisioning into a local Ceph RGW: the keys the user copies from the popup are checked on the gateway.
// The journey shared with Firefox comes from keys-journey.ts; Chromium-only checks (the badge, a worker
// restart, dark mode, a concurrent reset) stay here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import {
  createAndCopyKey,
  fillConsoleAndRefuseLogin,
  hideSecretAndReopen,
  type JourneyRegion,
  memberView,
  resetKey,
  type ShownPair,
  signIn,
} from '../helpers/keys-journey.ts';
import { startLocalCeph, type LocalCeph } from '../helpers/local-ceph.ts';
import type { JourneyBrowser } from '../helpers/ui-page.ts';
import {
  chromiumJourney,
  openPopupPage,
  signInThroughOptions,
  startDemoCompanion,
  type DemoCompanion,
} from '../helpers/popup-fixture.ts';

let ceph: LocalCeph;
let north: JourneyRegion;
let companion: DemoCompanion;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;
let journey: JourneyBrowser;
const NORTH = 'demo-north-1';

beforeAll(async () => {
  ceph = await startLocalCeph([NORTH, 'demo-south-1']);
  north = { id: NORTH, name: 'Demo North', gateway: ceph.regions[0]! };
  [companion, fixtures, browser] = await Promise.all([
    startDemoCompanion({ ceph }),
    startFixtureServer(),
    launchWithExtension(),
  ]);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  journey = chromiumJourney(browser);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([fixtures?.close(), companion?.stop()]);
  await ceph?.stop();
});

describe('popup keys, as alice (admin)', () => {
  let created: ShownPair;

  it('signs in through the options page and lists every region with its status and quick check', async () => {
    const options = await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin');
    await options.screenshot({ path: 'test-results/screenshots/options-signed-in.png' });
    await options.close();

    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.waitForRefresh();
    expect(await popup.region(NORTH).textContent()).toContain('NOT CONFIGURED');
    expect(await popup.region('demo-east-1').textContent()).toContain('S3 not available');
    expect(await popup.region(NORTH).getByTestId('quick-check').textContent()).toMatch(/Reachable · \d+ ms/);
    expect(await popup.region('demo-east-1').getByTestId('quick-check').count()).toBe(0);
    expect(await popup.page.getByText(/reset it: the old pair stops working at once/).isVisible()).toBe(true);
    await popup.shot('popup-list');
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    await popup.shot('popup-list-dark');
    await popup.page.close();
  });

  it('creates a key through the modal; both values copy to the clipboard; the secret is masked until its eye is clicked', async () => {
    created = await createAndCopyKey(journey, north);
    expect((await browser.badge()).text).toBe('!');
    const popup = await openPopupPage(browser);
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    await popup.shot('popup-secret-dark');
    await popup.page.close();
  });

  it('still shows the pending secret after the popup closes and the background worker restarts', async () => {
    await browser.stopWorker();
    const popup = await openPopupPage(browser);
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    await popup.page.getByRole('button', { name: 'Show secret access key' }).click();
    expect(await popup.secretPanelValues()).toEqual(created);
    await popup.page.close();
  });

  it('Hide secret erases it for good: gone now and after reopening; the list shows the key', async () => {
    await hideSecretAndReopen(journey, north, created);
    await expect.poll(async () => (await browser.badge()).text).toBe('');
  });

  it('resets the key through the warning modal and shows the new pair, naming the one it replaced', async () => {
    created = await resetKey(journey, north, created);
  });

  it('fills the new pair into a MinIO-like console and refuses an ordinary login form', async () => {
    await fillConsoleAndRefuseLogin(journey, north, fixtures.url, created);
    await hideSecretAndReopen(journey, north, created);
  });

  it('when someone else reset the key meanwhile (409 stale_key), says so and refreshes', async () => {
    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.waitForRefresh();
    const other = await companion.api('bob', `/api/v1/regions/${NORTH}/key/reset`, {
      accessKeyId: created.accessKeyId,
    });
    expect(other.status).toBe(200);
    await popup.page.getByRole('button', { name: 'Reset key for Demo North' }).click();
    await popup.dialog().getByRole('button', { name: 'Reset key' }).click();
    await expect
      .poll(() => popup.dialog().getByRole('alert').textContent())
      .toMatch(/Someone else reset the key for Demo North meanwhile/);
    await popup.shot('popup-reset-stale');
    await popup.dialog().getByRole('button', { name: 'Refresh list' }).click();
    await expect
      .poll(() => popup.region(NORTH).getByTestId('access-key-id').textContent())
      .toBe(other.body.accessKeyId);
    await popup.page.close();
  });

  it('passes ?tabId=N through for the autofill feature', async () => {
    const popup = await openPopupPage(browser, '?tabId=42');
    await popup.waitForList();
    expect(await popup.page.locator('main').getAttribute('data-tab-id')).toBe('42');
    await popup.page.close();
  });
});

describe('popup keys, as carol (member)', () => {
  it('shows no key controls, only why', async () => {
    await signIn(journey, companion.url, companion.tokens.carol, 'member');
    await memberView(journey, north);
  });
});

describe('popup keys, companion stopped', () => {
  it('shows the last known list with a clear message and a way forward', async () => {
    (await signInThroughOptions(browser, companion.url, companion.tokens.alice, 'admin')).close();
    const warm = await openPopupPage(browser);
    await warm.waitForList();
    await warm.waitForRefresh();
    await warm.page.close();

    await companion.stop();
    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await expect
      .poll(() => popup.page.getByRole('alert').textContent())
      .toMatch(/The companion is not reachable.*Cannot reach the companion at http:\/\/127\.0\.0\.1/);
    expect(await popup.page.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    await popup.shot('popup-companion-stopped');
    await popup.page.close();
  });
});
