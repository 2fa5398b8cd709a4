// A team member's browser (Debian's Chromium, the built extension) reaching companions that are not on
// loopback: names mapped to 127.0.0.1, the companions serving HTTPS with a throw-away CA's certificates,
// the team's one trusted by this browser only. Headless Chromium cannot click a permission prompt, so
// site access is given as a user gives it on chrome://extensions; Connect's own request then resolves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { closedPort } from '../helpers/closed-port.ts';
import {
  openPopupPage,
  signInThroughOptions,
  startDemoCompanion,
  type DemoCompanion,
} from '../helpers/popup-fixture.ts';
import { makeTestCertificates, type TestCertificates } from '../helpers/test-ca.ts';
import { logWritten } from '../helpers/companion-process.ts';

const TEAM_HOST = 'keys.team.test';
const UNTRUSTED_HOST = 'untrusted.team.test';
const PLAIN_HOST = 'plain.team.test';
let teamCerts: TestCertificates;
let untrustedCerts: TestCertificates;
/** HTTPS, with a certificate this browser trusts. */
let team: DemoCompanion;
/** HTTPS, with a certificate from a CA this browser does not know. */
let untrusted: DemoCompanion;
/** Plain HTTP, answering to a non-loopback name. */
let plain: DemoCompanion;
let browser: ExtensionBrowser;
const urlOf = (companion: DemoCompanion, host: string) => {
  const { protocol, port } = new URL(companion.url);
  return `${protocol}//${host}:${port}`;
};
const requestsSeen = (companion: DemoCompanion) =>
  companion.output().match(/^.*(GET|POST|OPTIONS) \/.*$/gm) ?? [];

beforeAll(async () => {
  [teamCerts, untrustedCerts] = await Promise.all([
    makeTestCertificates([TEAM_HOST]),
    makeTestCertificates([UNTRUSTED_HOST]),
  ]);
  [team, untrusted, plain] = await Promise.all([
    startDemoCompanion({ tls: teamCerts, allowedHosts: [TEAM_HOST] }),
    startDemoCompanion({ tls: untrustedCerts, allowedHosts: [UNTRUSTED_HOST] }),
    startDemoCompanion({ allowedHosts: [PLAIN_HOST] }),
  ]);
  browser = await launchWithExtension({
    mapToLoopback: [TEAM_HOST, UNTRUSTED_HOST, PLAIN_HOST],
    trustServerKeys: [teamCerts.spkiSha256],
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([team?.stop(), untrusted?.stop(), plain?.stop()]);
  await Promise.all([teamCerts?.remove(), untrustedCerts?.remove()]);
});

async function connectFails(url: string, token: string): Promise<string> {
  const options = await signInThroughOptions(browser, url, token);
  const alert = options.getByRole('alert');
  await alert.waitFor();
  const message = (await alert.textContent()) ?? '';
  expect(await options.getByRole('button', { name: 'Connect' }).isEnabled()).toBe(true);
  await options.close();
  return message;
}

describe('a team companion, from a member’s browser', () => {
  it('an http:// team URL is refused before anything is sent: the companion sees no request', async () => {
    const before = requestsSeen(plain).length;
    const message = await connectFails(urlOf(plain, PLAIN_HOST), plain.tokens.alice);
    expect(message).toMatch(/plain\.team\.test:\d+ is not this computer, .*only over https:\/\/.*in clear/);
    expect(message).not.toMatch(/npm start/);
    await logWritten();
    expect(requestsSeen(plain).length).toBe(before);
    expect(await browser.hasHostAccess(`http://${PLAIN_HOST}/*`)).toBe(false);
  });

  it('a certificate this browser does not trust gets its own message; no request reaches the companion', async () => {
    await browser.allowSiteAccess(`https://${UNTRUSTED_HOST}/*`);
    const message = await connectFails(urlOf(untrusted, UNTRUSTED_HOST), untrusted.tokens.alice);
    expect(message).toMatch(
      /shows a certificate this browser does not trust \(net::ERR_CERT_AUTHORITY_INVALID\)\. Ask whoever runs it/,
    );
    expect(message).not.toMatch(/npm start/);
    await logWritten();
    expect(requestsSeen(untrusted)).toEqual([]);
    // Connect failed, so the access it asked for is given back.
    expect(await browser.hasHostAccess(`https://${UNTRUSTED_HOST}/*`)).toBe(false);
  });

  it('nothing listening at a team URL reads differently, and never says to run npm start', async () => {
    await browser.allowSiteAccess(`https://${TEAM_HOST}/*`);
    const closed = await closedPort();
    const message = await connectFails(`https://${TEAM_HOST}:${closed}`, team.tokens.alice);
    expect(message).toBe(
      `Nothing answers at https://${TEAM_HOST}:${closed} (net::ERR_CONNECTION_REFUSED). Check the URL, or ask whoever runs the companion whether it is up.`,
    );
  });

  it('connects to https://keys.team.test:PORT with its host granted, creates and resets a key; sign-out gives the host back', async () => {
    await browser.allowSiteAccess(`https://${TEAM_HOST}/*`);
    const teamUrl = urlOf(team, TEAM_HOST);
    const options = await signInThroughOptions(browser, teamUrl, team.tokens.alice, 'admin');
    expect(await options.getByTestId('account-name').textContent()).toBe('Demo');
    expect(await browser.hasHostAccess(`https://${TEAM_HOST}/*`)).toBe(true);
    await options.close();

    const popup = await openPopupPage(browser);
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Create key for Demo North' }).click();
    await popup.dialog().getByRole('button', { name: 'Create key' }).click();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    const created = await popup.secretPanelValues();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.waitForList();
    await popup.page.getByRole('button', { name: 'Reset key for Demo North' }).click();
    await popup.dialog().getByRole('button', { name: 'Reset key' }).click();
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).waitFor();
    const reset = await popup.secretPanelValues();
    expect(reset.accessKeyId).not.toBe(created.accessKeyId);
    expect(await popup.page.getByText(`replaces ${created.accessKeyId}`, { exact: false }).count()).toBe(1);
    await popup.shot('team-companion-reset');
    await popup.page.getByRole('button', { name: 'Hide secret', exact: true }).click();
    await popup.page.close();
    await expect
      .poll(() =>
        requestsSeen(team).some((line) => /POST \/api\/v1\/regions\/demo-north-1\/key\/reset 200/.test(line)),
      )
      .toBe(true);

    const signedIn = await browser.openOptions();
    await signedIn.getByRole('button', { name: 'Sign out' }).click();
    await signedIn.getByLabel('Personal access token').waitFor();
    await expect.poll(() => browser.hasHostAccess(`https://${TEAM_HOST}/*`)).toBe(false);
    await signedIn.close();
  });
});
