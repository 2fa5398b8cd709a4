// The built extension in Debian's Chromium, against the real companion process.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser.ts';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';

let companion: CompanionProcess;
let browser: ExtensionBrowser;
let tokens: Record<string, { token: string }>;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-e2e-'));
  await runCli(['demo', '--data', dataDir]);
  tokens = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8'));
  companion = await startCompanion(dataDir);
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await companion?.stop();
});

async function signIn(token: string) {
  const popup = await browser.openPopup();
  await popup.getByLabel('Companion URL').fill(companion.url);
  await popup.getByLabel('Personal access token').fill(token);
  await popup.getByRole('button', { name: 'Connect' }).click();
  return popup;
}

describe('popup sign-in', () => {
  it('alice connects and sees her name, role and account; the connection survives reopening', async () => {
    const popup = await signIn(tokens.alice!.token);
    await expect.poll(() => popup.getByTestId('user-role').textContent()).toBe('admin');
    expect(await popup.getByTestId('account-name').textContent()).toBe('Demo');
    await popup.screenshot({ path: join(SHOTS, 'signed-in-admin.png') });
    await popup.close();

    const reopened = await browser.openPopup();
    await expect.poll(() => reopened.getByTestId('user-name').textContent()).toContain('Alice');
    await reopened.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => reopened.getByLabel('Personal access token').isVisible()).toBe(true);
    await reopened.close();
  });

  it('a wrong token gets a clear message and stays on sign-in', async () => {
    const popup = await signIn('s3k_0000000000000000_nottherighttokennottherighttokennottherigh');
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/did not accept this token/);
    await popup.screenshot({ path: join(SHOTS, 'sign-in-rejected.png') });
    await popup.close();
  });

  it('carol (member) is told that keys need admin or member+', async () => {
    const popup = await signIn(tokens.carol!.token);
    await expect.poll(() => popup.getByText('S3 keys need the admin or member+ role.').isVisible()).toBe(true);
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await popup.close();
  });

  it('when the companion is unreachable, the popup says so', async () => {
    const popup = await browser.openPopup();
    await popup.getByLabel('Companion URL').fill('http://127.0.0.1:9');
    await popup.getByLabel('Personal access token').fill(tokens.alice!.token);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/Cannot reach the companion at http:\/\/127\.0\.0\.1:9/);
    await popup.screenshot({ path: join(SHOTS, 'companion-unreachable.png') });
    await popup.close();
  });
});
