// The popup's key workflows in Debian's Chromium with the built extension, against the companion process
// provisioning into a local Ceph RGW: the keys the user copies from the popup are checked on the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { listBuckets, startLocalCeph, type ClusterRegion, type LocalCeph } from '../helpers/local-ceph.ts';
import {
  openPopupPage,
  signInThroughOptions,
  startDemoCompanion,
  type DemoCompanion,
} from '../helpers/popup-fixture.ts';

let ceph: LocalCeph;
let north: ClusterRegion;
let companion: DemoCompanion;
let browser: ExtensionBrowser;
const NORTH = 'demo-north-1';
const pair = (p: { accessKeyId: string; secret: string }) => ({
  accessKeyId: p.accessKeyId,
  secretAccessKey: p.secret,
});

beforeAll(async () => {
  ceph = await startLocalCeph([NORTH, 'demo-south-1']);
  north = ceph.regions[0]!;
  companion = await startDemoCompanion({ ceph });
  browser = await launchWithExtension();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await browser?.close();
  await companion?.stop();
  await ceph?.stop();
});

describe('popup keys, as alice (admin)', () => {
  let created: { accessKeyId: string; secret: string };

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
    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Create key for Demo North' }).click();
    await expect.poll(() => popup.dialog().textContent()).toContain('Create a key for Demo North');
    await popup.shot('popup-create-modal');
    await popup.dialog().getByRole('button', { name: 'Create key' }).click();

    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    expect(await popup.page.getByTestId('secret-access-key').textContent()).toMatch(/^•+$/);
    await popup.shot('popup-secret-masked');
    await popup.page.getByRole('button', { name: 'Show secret access key' }).click();
    created = await popup.secretPanelValues();
    expect(created.secret).toMatch(/^\S{20,}$/);
    await popup.shot('popup-secret-revealed');

    await popup.page.getByRole('button', { name: 'Copy access key ID' }).click();
    await expect.poll(() => popup.page.getByTestId('toast').textContent()).toBe('Access key ID copied');
    expect(await popup.clipboard()).toBe(created.accessKeyId);
    await popup.page.getByRole('button', { name: 'Copy secret access key' }).click();
    expect(await popup.clipboard()).toBe(created.secret);
    // The pair read back from the clipboard works on the region's gateway at once.
    expect(await listBuckets(north, pair(created))).toBe('ok');
    await popup.page.getByRole('button', { name: 'Copy as environment variables' }).click();
    expect(await popup.clipboard()).toContain(`export AWS_SECRET_ACCESS_KEY='${created.secret}'`);
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    await popup.shot('popup-secret-dark');
    expect((await browser.badge()).text).toBe('!');
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
    const popup = await openPopupPage(browser);
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    await expect
      .poll(() => popup.region(NORTH).getByTestId('access-key-id').textContent())
      .toBe(created.accessKeyId);
    expect(await popup.region(NORTH).textContent()).toContain('CONFIGURED');
    await popup.page.close();

    const reopened = await openPopupPage(browser);
    await reopened.waitForList();
    expect(await reopened.page.getByRole('button', { name: 'Hide secret', exact: true }).count()).toBe(0);
    expect(await reopened.page.content()).not.toContain(created.secret);
    await expect.poll(async () => (await browser.badge()).text).toBe('');
    await reopened.page.close();
  });

  it('resets the key through the warning modal and shows the new pair, naming the one it replaced', async () => {
    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Reset key for Demo North' }).click();
    await expect
      .poll(() => popup.dialog().textContent())
      .toContain('The existing keys stop working immediately');
    await popup.shot('popup-reset-modal');
    await popup.dialog().getByRole('button', { name: 'Reset key' }).click();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    await popup.page.getByRole('button', { name: 'Show secret access key' }).click();
    const after = await popup.secretPanelValues();
    expect(after.accessKeyId).not.toBe(created.accessKeyId);
    expect(await popup.page.getByText(`replaces ${created.accessKeyId}`, { exact: false }).count()).toBe(1);
    // On the gateway: the old pair is refused on the very next request, the new one works.
    expect(await listBuckets(north, pair(created))).toBe('InvalidAccessKeyId');
    expect(await listBuckets(north, pair(after))).toBe('ok');
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    created = { ...after, secret: '' };
    await popup.page.close();
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
    (await signInThroughOptions(browser, companion.url, companion.tokens.carol, 'member')).close();
    const popup = await openPopupPage(browser);
    await popup.page.getByText('S3 keys need the admin or member+ role.').waitFor();
    await popup.waitForRefresh();
    expect(await popup.page.getByRole('button', { name: /Create key|Reset key/ }).count()).toBe(0);
    expect(await popup.page.getByTestId('region-list').count()).toBe(0);
    await popup.shot('popup-member');
    await popup.page.close();
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
