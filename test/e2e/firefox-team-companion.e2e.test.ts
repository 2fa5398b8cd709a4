// A team member's Firefox ESR (the Firefox build as a temporary add-on) connecting to a companion that
// serves HTTPS under a team name (mapped to loopback) with a throw-away CA's certificate, trusted by this
// Firefox profile only. Firefox grants optional permissions without a prompt here
// (extensions.webextOptionalPermissionPrompts=false), so Connect's own request is what grants the host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from '../helpers/firefox.ts';
import {
  createAndCopyKey,
  hideSecretAndReopen,
  type JourneyRegion,
  resetKey,
} from '../helpers/keys-journey.ts';
import { startDemoCompanion, type DemoCompanion } from '../helpers/popup-fixture.ts';
import { makeTestCertificates, type TestCertificates } from '../helpers/test-ca.ts';
import { logWritten } from '../helpers/companion-process.ts';

const TEAM_HOST = 'keys.team.test';
const UNTRUSTED_HOST = 'untrusted.team.test';
const TEAM_PATTERN = `https://${TEAM_HOST}/*`;
const north: JourneyRegion = { id: 'demo-north-1', name: 'Demo North' };
let teamCerts: TestCertificates;
let untrustedCerts: TestCertificates;
let team: DemoCompanion;
let untrusted: DemoCompanion;
let firefox: FirefoxWithExtension;
const urlOf = (companion: DemoCompanion, host: string) => `https://${host}:${new URL(companion.url).port}`;

beforeAll(async () => {
  [teamCerts, untrustedCerts] = await Promise.all([
    makeTestCertificates([TEAM_HOST]),
    makeTestCertificates([UNTRUSTED_HOST]),
  ]);
  [team, untrusted, firefox] = await Promise.all([
    startDemoCompanion({ tls: teamCerts, allowedHosts: [TEAM_HOST] }),
    startDemoCompanion({ tls: untrustedCerts, allowedHosts: [UNTRUSTED_HOST] }),
    launchFirefoxWithExtension({
      mapToLoopback: [TEAM_HOST, UNTRUSTED_HOST],
      trustCaFiles: [teamCerts.caCertFile],
      grantOptionalPermissions: true,
    }),
  ]);
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([team?.stop(), untrusted?.stop()]);
  await Promise.all([teamCerts?.remove(), untrustedCerts?.remove()]);
});

describe('Firefox: a team companion over HTTPS', () => {
  it('a certificate from a CA this profile does not trust gets its own message', async () => {
    const options = await firefox.options();
    await options.fill('Companion URL', urlOf(untrusted, UNTRUSTED_HOST));
    await options.fill('Personal access token', untrusted.tokens.alice);
    await options.click({ button: 'Connect' });
    await expect
      .poll(() => options.text('[role="alert"]'))
      .toBe(
        `The companion at ${urlOf(untrusted, UNTRUSTED_HOST)} shows a certificate this browser does not trust (Peer’s Certificate issuer is not recognized.). Ask whoever runs it which certificate authority signed it, and install that in the browser.`,
      );
    await logWritten();
    expect(untrusted.output()).not.toMatch(/GET \/healthz/);
    expect(await firefox.hasHostAccess(`https://${UNTRUSTED_HOST}/*`)).toBe(false);
  });

  it('Connect asks for https://keys.team.test and signs in; alice creates and resets a key', async () => {
    expect(await firefox.hasHostAccess(TEAM_PATTERN)).toBe(false);
    const options = await firefox.options();
    await options.fill('Companion URL', urlOf(team, TEAM_HOST));
    await options.fill('Personal access token', team.tokens.alice);
    await options.click({ button: 'Connect' });
    // The first TLS handshake with a new host, a probe and the token check: slower than vitest's 1 s default.
    await expect.poll(() => options.text('[data-testid="user-role"]'), { timeout: 15_000 }).toBe('admin');
    expect(await firefox.hasHostAccess(TEAM_PATTERN)).toBe(true);
    const created = await createAndCopyKey(firefox, north);
    await hideSecretAndReopen(firefox, north, created);
    const reset = await resetKey(firefox, north, created);
    expect(reset.accessKeyId).not.toBe(created.accessKeyId);
    await expect.poll(() => team.output()).toMatch(/POST \/api\/v1\/regions\/demo-north-1\/key\/reset 200/);
  });

  it('Sign out gives the host back', async () => {
    const options = await firefox.options();
    await options.click({ button: 'Sign out' });
    await options.waitFor({ field: 'Personal access token' });
    await expect.poll(() => firefox.hasHostAccess(TEAM_PATTERN)).toBe(false);
  });
});
