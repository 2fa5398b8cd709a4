// The key journey in Debian's Firefox ESR with the Firefox build (dist/firefox-mv3) installed as a
// temporary add-on, against the companion process provisioning into a local Ceph RGW: the same journey
// and assertions as in Chromium (test/helpers/keys-journey.ts), one browser launch for the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GECKO_ID } from '../../extension/build/gecko-id.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from '../helpers/firefox.ts';
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
import { startDemoCompanion, type DemoCompanion } from '../helpers/popup-fixture.ts';

let ceph: LocalCeph;
let companion: DemoCompanion;
let fixtures: FixtureServer;
let firefox: FirefoxWithExtension;
let north: JourneyRegion;

beforeAll(async () => {
  ceph = await startLocalCeph(['demo-north-1']);
  north = { id: 'demo-north-1', name: 'Demo North', gateway: ceph.regions[0]! };
  [companion, fixtures, firefox] = await Promise.all([
    startDemoCompanion({ ceph }),
    startFixtureServer(),
    launchFirefoxWithExtension(),
  ]);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([fixtures?.close(), companion?.stop()]);
  await ceph?.stop();
});

describe('Firefox: the key journey', () => {
  let pair: ShownPair;

  it('installs under the default add-on id and opens its sign-in (the options page) on first run', () => {
    expect(firefox.addonId).toBe(DEFAULT_GECKO_ID);
    expect(firefox.firstRunUrl).toMatch(/^moz-extension:\/\/[0-9a-f-]+\/options\.html$/);
  });

  it('alice signs in on the options page', async () => {
    const options = await signIn(firefox, companion.url, companion.tokens.alice, 'admin');
    await options.screenshot('options-signed-in');
  });

  it('creates a key; both values copy to the clipboard and work on the gateway', async () => {
    pair = await createAndCopyKey(firefox, north);
  });

  it('Hide secret erases it: gone after reopening, the list shows the key', async () => {
    await hideSecretAndReopen(firefox, north, pair);
  });

  it('resets the key: the old pair is refused on the gateway, the new one works', async () => {
    pair = await resetKey(firefox, north, pair);
  });

  it('fills the new pair into a MinIO-like console and refuses an ordinary login form', async () => {
    await fillConsoleAndRefuseLogin(firefox, north, fixtures.url, pair);
    await hideSecretAndReopen(firefox, north, pair);
  });

  it('carol (member) sees no key controls, only why', async () => {
    await signIn(firefox, companion.url, companion.tokens.carol, 'member');
    await memberView(firefox, north);
  });
});
