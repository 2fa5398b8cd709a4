/**
 * Autofill in Chromium with the built extension, on the fixture pages (test/fixtures/pages/). Fills
 * are started from an extension page with the `fillTab` message, as the popup's "Fill into page" does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import type { Fill, FillResult } from '../../extension/features/autofill/index.ts';
import type { browser as extensionApi } from 'wxt/browser';
import { launchForAutofill, type AutofillBrowser } from '../helpers/autofill-browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

// Functions passed to evaluate() run in extension pages, where `chrome` is the extension API.
declare const chrome: typeof extensionApi;

const PAIR: Fill = {
  accessKeyId: 'AKIAE2ETESTKEY000001',
  secretAccessKey: 'e2e/Secret+Value/0123456789abcdefghijKLMN',
  endpoint: 'https://s3.north.example:7481',
  region: 'demo-north-1',
};

let server: FixtureServer;
let browser: AutofillBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchForAutofill();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` (on 127.0.0.1 unless `origin` says otherwise) and waits for the page's ready mark. */
async function open(path: string, origin = server.url): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${origin}/${path}`);
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
  return page;
}

/** Asks the worker to fill `fill` into `page`'s tab, as the popup would. */
async function fill(page: Page, pair: Fill = PAIR): Promise<FillResult> {
  const ext = await browser.extensionPage();
  return ext.evaluate(
    async ({ url, pair }) => {
      const [tab] = await chrome.tabs.query({ url });
      return chrome.runtime.sendMessage({ s3keys: 'fillTab', data: { tabId: tab!.id, fill: pair } });
    },
    { url: page.url(), pair },
  );
}

const values = (page: Page, selector = 'input') =>
  page.$$eval(selector, (inputs) => (inputs as HTMLInputElement[]).map((i) => i.value));
const state = (page: Page) =>
  page.evaluate(() => (window as unknown as { state: Record<string, string> }).state);
const submitted = (page: Page) => page.evaluate(() => (window as unknown as { submitted: number }).submitted);

describe('autofill into the target consoles', () => {
  it('MinIO Console: the React-style controlled inputs take both values and Login becomes enabled, nothing submitted', async () => {
    const page = await open('minio-console.html');
    expect(await page.isDisabled('#do-login')).toBe(true);
    expect(await fill(page)).toEqual({
      ok: true,
      origin: server.url,
      adapter: 'minio-console',
      filled: ['accessKey', 'secret'],
    });
    expect(await state(page)).toEqual({ accessKey: PAIR.accessKeyId, secretKey: PAIR.secretAccessKey });
    expect(await page.isEnabled('#do-login')).toBe(true);
    expect(await submitted(page)).toBe(0);
    // The page's own world saw bubbling input then change on each field.
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
      'input:accessKey',
      'change:accessKey',
      'input:secretKey',
      'change:secretKey',
    ]);
    await page.close();
  });

  it('MinIO legacy browser: uncontrolled inputs with ids only', async () => {
    const page = await open('minio-browser.html');
    expect(await fill(page)).toMatchObject({ ok: true, adapter: 'access-key-ids' });
    expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
    await page.close();
  });

  it('s3gw-ui: the Angular-style form becomes valid and Log in enabled', async () => {
    const page = await open('s3gw-ui.html');
    expect(await fill(page)).toMatchObject({ ok: true, adapter: 'access-key-ids' });
    expect(await state(page)).toEqual({ accessKey: PAIR.accessKeyId, secretKey: PAIR.secretAccessKey });
    expect(await page.isEnabled('#login')).toBe(true);
    expect(await page.getAttribute('#secretKey', 'class')).toContain('ng-touched');
    await page.close();
  });

  it('Filestash: the adapter ticks "advanced" and fills the region and endpoint it reveals', async () => {
    const page = await open('filestash.html');
    expect(await fill(page)).toMatchObject({
      ok: true,
      adapter: 'filestash',
      filled: ['accessKey', 'secret', 'endpoint', 'region'],
    });
    expect(await values(page, 'input:not([type=checkbox])')).toEqual([
      PAIR.accessKeyId,
      PAIR.secretAccessKey,
      PAIR.region,
      PAIR.endpoint,
    ]);
    expect(await submitted(page)).toBe(0);
    await page.close();
  });

  it('aws-js-s3-explorer: the adapter sets the AngularJS auth mode, then fills keys, region select and bucket; Query S3 enabled', async () => {
    const page = await open('s3-explorer.html');
    expect(await page.isDisabled('[name=accesskey]')).toBe(true);
    expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
      ok: true,
      adapter: 's3-explorer',
      filled: ['accessKey', 'secret', 'region', 'bucket'],
    });
    expect(await state(page)).toEqual({
      auth: 'auth',
      region: PAIR.region,
      accesskey: PAIR.accessKeyId,
      secretkey: PAIR.secretAccessKey,
      bucket: 'photos',
    });
    expect(await page.isEnabled('#query')).toBe(true);
    expect(await submitted(page)).toBe(0);
    await page.close();
  });

  it('Nextcloud: Vue-style v-model fields under floating labels, host name without scheme', async () => {
    const page = await open('nextcloud.html');
    expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({ ok: true, adapter: 'nextcloud' });
    expect(await state(page)).toEqual({
      bucket: 'photos',
      hostname: 's3.north.example',
      region: PAIR.region,
      key: PAIR.accessKeyId,
      secret: PAIR.secretAccessKey,
    });
    expect(await page.isEnabled('#save')).toBe(true);
    await page.close();
  });

  it('an unknown console: the generic detector fills endpoint, region (a select), keys and bucket by their labels', async () => {
    const page = await open('endpoint-region.html');
    expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
      ok: true,
      adapter: 'generic',
      filled: ['accessKey', 'secret', 'endpoint', 'region', 'bucket'],
    });
    expect(await page.evaluate(() => Object.fromEntries(new FormData(document.forms[0]!)))).toEqual({
      server: PAIR.endpoint,
      loc: PAIR.region,
      user_key: PAIR.accessKeyId,
      user_secret: PAIR.secretAccessKey,
      container: 'photos',
    });
    expect(await page.isEnabled('#go')).toBe(true);
    await page.close();
  });

  it('a secret field of type=text named only by aria-label', async () => {
    const page = await open('secret-text.html');
    expect(await fill(page)).toMatchObject({ ok: true, adapter: 'generic' });
    expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
    await page.close();
  });

  it('fields rendered after the request are waited for', async () => {
    const page = await open('late-rendered.html');
    expect(await page.$('input')).toBeNull();
    expect(await fill(page)).toMatchObject({ ok: true, adapter: 'generic' });
    expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
    await page.close();
  });

  it('a form inside an open shadow root', async () => {
    const page = await open('shadow-root.html');
    expect(await fill(page)).toMatchObject({ ok: true, adapter: 'generic' });
    expect(await values(page, 's3-login input')).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
    await page.close();
  });

  it('a form inside a same-origin iframe', async () => {
    const page = await open('same-origin-frame.html');
    await page.frameLocator('#f').locator('#accessKey').waitFor();
    expect(await fill(page)).toMatchObject({ ok: true, adapter: 'access-key-ids' });
    expect(await values(page.frame({ url: /minio-browser/ })! as unknown as Page)).toEqual([
      PAIR.accessKeyId,
      PAIR.secretAccessKey,
    ]);
    await page.close();
  });
});

describe('autofill on hostile pages', () => {
  const refused = async (path: string, reason: string) => {
    const page = await open(path);
    const result = await fill(page);
    expect(result).toMatchObject({ ok: false, reason });
    for (const frame of page.frames())
      expect(
        (await frame.$$eval('input', (inputs) => (inputs as HTMLInputElement[]).map((i) => i.value))).join(
          '',
        ),
      ).toBe('');
    await page.close();
  };

  it('refuses a nearly transparent secret field', () => refused('hostile-transparent.html', 'transparent'));
  it('refuses a secret field covered by another element', () => refused('hostile-overlay.html', 'covered'));
  it('refuses a secret field covered by an overlay that lets clicks through', () =>
    refused('hostile-overlay-passthrough.html', 'covered'));
  it('refuses a tiny secret field', () => refused('hostile-tiny.html', 'tiny'));
  it('never enters a cross-origin iframe', () => refused('hostile-cross-origin-frame.html', 'no-fields'));
  it('never enters a sandboxed iframe, even with allow-same-origin', () =>
    refused('hostile-sandboxed-frame.html', 'no-fields'));
  it('refuses a sandboxed (opaque-origin) top document', () => refused('sandboxed-top.html', 'sandboxed'));
  it('never fills an ordinary username/password form', () => refused('login.html', 'login-form'));
  it('never fills a look-alike of the MinIO Console whose fields are an ordinary login', () =>
    refused('lookalike.html', 'login-form'));

  it('http: off loopback: asks in the page first; Cancel writes nothing, Fill writes the pair', async () => {
    const origin = `http://console.test:${server.port}`;
    const page = await open('minio-console.html', origin);
    let pending = fill(page);
    await page.waitForSelector('s3keys-confirm', { state: 'attached' });
    expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
    await page.keyboard.press('Enter'); // the focused answer is Cancel
    expect(await pending).toEqual({ ok: false, reason: 'declined', origin });
    expect(await page.$('s3keys-confirm')).toBeNull();
    expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });

    pending = fill(page);
    await page.waitForSelector('s3keys-confirm', { state: 'attached' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await pending).toMatchObject({ ok: true, origin, filled: ['accessKey', 'secret'] });
    expect(await state(page)).toEqual({ accessKey: PAIR.accessKeyId, secretKey: PAIR.secretAccessKey });
    await page.close();
  });

  it('the page removing the question counts as no', async () => {
    const page = await open('minio-console.html', `http://console.test:${server.port}`);
    const pending = fill(page);
    await page.waitForSelector('s3keys-confirm', { state: 'attached' });
    await page.evaluate(() => document.querySelector('s3keys-confirm')!.remove());
    expect(await pending).toMatchObject({ ok: false, reason: 'declined' });
    expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
    await page.close();
  });

  it('a punycode look-alike host name: asks first, Escape declines', async () => {
    const page = await open('minio-console.html', `http://xn--mnio-8pa.test:${server.port}`);
    const pending = fill(page);
    await page.waitForSelector('s3keys-confirm', { state: 'attached' });
    await page.keyboard.press('Escape');
    expect(await pending).toMatchObject({ ok: false, reason: 'declined' });
    expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
    await page.close();
  });

  it('nothing is filled on page load, even with a pair pending', async () => {
    const sw = await browser.worker();
    await sw.evaluate(
      (pair) =>
        chrome.storage.session.set({
          pendingSecret: {
            ...pair,
            region: pair.region,
            regionName: 'North',
            kind: 'create',
            replacedAccessKeyId: null,
            createdAt: new Date().toISOString(),
          },
        }),
      PAIR,
    );
    const page = await open('minio-console.html');
    await page.waitForTimeout(300);
    expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
    await sw.evaluate(() => chrome.storage.session.remove('pendingSecret'));
    await page.close();
  });
});

describe('where is this key used?', () => {
  it('lists, per access key, the origins it was filled into; refused fills and other keys are not listed; no secret is stored', async () => {
    const ext = await browser.extensionPage();
    const origins = await ext.evaluate(
      (accessKeyId) => chrome.runtime.sendMessage({ s3keys: 'usedOrigins', data: { accessKeyId } }),
      PAIR.accessKeyId,
    );
    expect(origins).toEqual([server.url, `http://console.test:${server.port}`]);
    const other = await ext.evaluate(() =>
      chrome.runtime.sendMessage({ s3keys: 'usedOrigins', data: { accessKeyId: 'AKIAUNUSED' } }),
    );
    expect(other).toEqual([]);
    const local = JSON.stringify(await ext.evaluate(() => chrome.storage.local.get(null)));
    expect(local).not.toContain(PAIR.secretAccessKey);
  });

  it('after a reset, the replaced key still lists its origins; filling the new pair records it under the new key', async () => {
    const next: Fill = { ...PAIR, accessKeyId: 'AKIAE2ETESTKEY000002', secretAccessKey: 'new/secret' };
    const page = await open('minio-browser.html');
    expect(await fill(page, next)).toMatchObject({ ok: true });
    const ext = await browser.extensionPage();
    const [old, fresh] = await ext.evaluate(
      (ids) =>
        Promise.all(
          ids.map((accessKeyId) =>
            chrome.runtime.sendMessage({ s3keys: 'usedOrigins', data: { accessKeyId } }),
          ),
        ),
      [PAIR.accessKeyId, next.accessKeyId],
    );
    expect(old).toEqual([server.url, `http://console.test:${server.port}`]);
    expect(fresh).toEqual([server.url]);
    await page.close();
  });
});
