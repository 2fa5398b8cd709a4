// Team awareness in two Chromium profiles (bob's and alice's browsers) with the built extension, against
// the companion process on a local Ceph RGW: bob makes a pair and uses it (a console, the gateway);
// alice sees in the reset dialog that it was used within the last hour, resets it, and finds it all
// in the history; bob's browser shows who reset it and which of its sites need the new pair, after its
// next check (its alarm, fired now instead of in two minutes).
import { PutObjectCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyUsage } from '#shared/api';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import {
  createAndCopyKey,
  fillConsoleAndRefuseLogin,
  hideSecretAndReopen,
  type JourneyRegion,
  type ShownPair,
  signIn,
} from '../helpers/keys-journey.ts';
import { s3Client, startLocalCeph, type LocalCeph } from '../helpers/local-ceph.ts';
import {
  chromiumJourney,
  openPopupPage,
  SCREENSHOTS,
  startDemoCompanion,
  type DemoCompanion,
} from '../helpers/popup-fixture.ts';

const NORTH = 'demo-north-1';
let ceph: LocalCeph;
let north: JourneyRegion;
let companion: DemoCompanion;
let fixtures: FixtureServer;
let bob: ExtensionBrowser;
let alice: ExtensionBrowser;
let bobsPair: ShownPair;
/** When bob's S3 requests were made: the usage log's hour bucket is the one this falls in. */
let bobsUse: { from: number; to: number };

const HOUR_MS = 3_600_000;

/**
 * What the reset dialog may say of bob's use, shown at some time from `shownFrom` to now. RGW logs use
 * by the hour: a use in the current hour is "within the last hour", one in the hour before "within the
 * last 2 hours". Only when the run crosses the top of an hour may either be right.
 */
function lastUsedWordings(shownFrom: number): string[] {
  const hours = new Set(
    [bobsUse.from, bobsUse.to, shownFrom, Date.now()].map((t) => Math.floor(t / HOUR_MS)),
  );
  return (hours.size === 1 ? ['hour'] : ['hour', '2 hours']).map(
    (span) => `Last used: within the last ${span} (the S3 service logs use by the hour).`,
  );
}

/** Runs the browser's team check now, as its alarm would (same alarm, same period). */
async function nextTeamCheck(browser: ExtensionBrowser): Promise<void> {
  const worker = await browser.worker();
  await worker.evaluate("chrome.alarms.create('team-changes', { when: Date.now(), periodInMinutes: 2 })");
}

/** The pairs the browser's last team check saw, by region. */
async function knownPairs(browser: ExtensionBrowser): Promise<Record<string, { accessKeyId: string }>> {
  const worker = await browser.worker();
  const stored = (await worker.evaluate("chrome.storage.local.get('teamKnownPairs')")) as {
    teamKnownPairs?: Record<string, { accessKeyId: string }>;
  };
  return stored.teamKnownPairs ?? {};
}

beforeAll(async () => {
  ceph = await startLocalCeph([NORTH]);
  north = { id: NORTH, name: 'Demo North', gateway: ceph.regions[0]! };
  [companion, fixtures, bob, alice] = await Promise.all([
    startDemoCompanion({ ceph }),
    startFixtureServer(),
    launchWithExtension(),
    launchWithExtension(),
  ]);
  await bob.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await Promise.all([bob?.close(), alice?.close()]);
  await Promise.all([fixtures?.close(), companion?.stop()]);
  await ceph?.stop();
});

describe('team awareness across two browsers', () => {
  it("bob creates the pair, fills it into a console and uses it; his browser's check learns it", async () => {
    const journey = chromiumJourney(bob);
    await (await signIn(journey, companion.url, companion.tokens.bob, 'member+')).close();
    bobsPair = await createAndCopyKey(journey, north);
    await fillConsoleAndRefuseLogin(journey, north, fixtures.url, bobsPair);
    await hideSecretAndReopen(journey, north, bobsPair);
    const s3 = s3Client(north.gateway!, {
      accessKeyId: bobsPair.accessKeyId,
      secretAccessKey: bobsPair.secret,
    });
    const from = Date.now();
    await s3.send(new CreateBucketCommand({ Bucket: 'team-reports' }));
    await s3.send(new PutObjectCommand({ Bucket: 'team-reports', Key: 'daily.csv', Body: 'a,b\n1,2\n' }));
    bobsUse = { from, to: Date.now() };
    await nextTeamCheck(bob);
    await expect.poll(async () => (await knownPairs(bob))[NORTH]?.accessKeyId).toBe(bobsPair.accessKeyId);
    expect((await bob.badge()).text).toBe('');
  });

  it('alice sees in the reset dialog that the pair was used within the last hour, then resets it', async () => {
    // The gateway writes its usage log every second here; wait until it holds bob's requests.
    await expect
      .poll(
        async () =>
          KeyUsage.parse((await companion.api('alice', `/api/v1/regions/${NORTH}/key/usage`)).body).known,
      )
      .toBe(true);
    await (await signIn(chromiumJourney(alice), companion.url, companion.tokens.alice, 'admin')).close();
    const popup = await openPopupPage(alice);
    await popup.waitForList();
    const shownFrom = Date.now();
    await popup.page.getByRole('button', { name: 'Reset key for Demo North' }).click();
    const lastUsed = popup.dialog().getByTestId('last-used');
    await lastUsed.waitFor();
    expect(await lastUsed.textContent()).toBeOneOf(lastUsedWordings(shownFrom));
    await popup.page.screenshot({ path: `${SCREENSHOTS}/reset-dialog-last-used.png` });
    await popup.dialog().getByRole('button', { name: 'Reset key' }).click();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    await popup.page.close();
  });

  it("alice's history shows the reset, bob's create and carol's refused attempt, newest first, by region", async () => {
    expect((await companion.api('carol', `/api/v1/regions/${NORTH}/key`, {})).status).toBe(403);
    const options = await alice.openOptions();
    await options.setViewportSize({ width: 900, height: 760 });
    const rows = options.getByTestId('history-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const text = await rows.allTextContents();
    expect(text[0]).toMatch(/Carol.*Create key.*Demo North.*Refused \(forbidden\)/);
    expect(text[1]).toMatch(/Alice.*Reset key.*Demo North.*Done/);
    expect(text[2]).toMatch(new RegExp(`Bob.*Create key${bobsPair.accessKeyId}.*Demo North.*Done`));
    await options.getByLabel('Region').selectOption(NORTH);
    await expect.poll(() => rows.count()).toBe(3);
    await options.locator('#history').scrollIntoViewIfNeeded();
    await options.screenshot({ path: `${SCREENSHOTS}/key-history.png`, fullPage: true });
    await options.close();
  });

  it("bob's browser shows who reset the pair and where it used the old one, after its next check", async () => {
    expect((await bob.badge()).text).toBe('');
    await nextTeamCheck(bob);
    await expect.poll(async () => (await bob.badge()).text, { timeout: 15_000 }).toBe('!');
    expect((await bob.badge()).title).toMatch(
      /Alice reset the key for Demo North just now: the pair you used there no longer works/,
    );
    const popup = await openPopupPage(bob);
    await popup.waitForList();
    const notice = popup.region(NORTH).getByTestId('team-reset');
    await expect
      .poll(() => notice.textContent())
      .toMatch(/^Reset by Alice just now — the pair you used here no longer works/);
    expect(await popup.region(NORTH).getByTestId('stale-sites').textContent()).toContain(
      new URL(fixtures.url).host,
    );
    expect(await popup.region(NORTH).textContent()).not.toContain(bobsPair.secret);
    await popup.shot('popup-team-reset');
    await notice.getByRole('button', { name: /Got it/ }).click();
    await expect.poll(async () => (await bob.badge()).text).toBe('');
    await popup.page.close();
  });
});
