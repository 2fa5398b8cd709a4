/**
 * The autofill suite, run in each browser with the built extension (autofill.e2e.test.ts for Chromium,
 * firefox-autofill.e2e.test.ts for Firefox) on the fixture pages (test/fixtures/pages/). Fills are
 * started from an extension page with the `fillTab` message, as the popup's "Fill into page" does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fill, FillResult } from '../../extension/features/autofill/index.ts';
import type { FillBrowser, FillPage } from '../helpers/autofill-browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

// Functions passed to inExtension() run in extension pages, where `chrome` is the extension API.
declare const chrome: typeof import('wxt/browser').browser;

const PAIR: Fill = {
  accessKeyId: 'AKIAE2ETESTKEY000001',
  secretAccessKey: 'e2e/Secret+Value/0123456789abcdefghijKLMN',
  endpoint: 'https://s3.north.example:7481',
  region: 'demo-north-1',
};

const state = (page: FillPage) =>
  page.evaluate(() => (window as unknown as { state: Record<string, string> }).state);
const submitted = (page: FillPage) =>
  page.evaluate(() => (window as unknown as { submitted: number }).submitted);

/** accessKeyId → origins, as the extension stores them (what the popup's where-used lists show). */
const usedOrigins = async (browser: FillBrowser): Promise<Record<string, string[]>> => {
  const stored = await browser.inExtension(() => chrome.storage.local.get('autofillUsedOrigins'), undefined);
  return (stored.autofillUsedOrigins as Record<string, string[]> | undefined) ?? {};
};

export function autofillSuite(launch: () => Promise<FillBrowser>): void {
  let server: FixtureServer;
  let browser: FillBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startFixtureServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `path` (on 127.0.0.1 unless `origin` says otherwise) and waits for the page's ready mark. */
  const open = (path: string, origin = server.url): Promise<FillPage> => browser.open(`${origin}/${path}`);
  const fill = (page: FillPage, pair: Fill = PAIR): Promise<FillResult> => browser.fill(page, pair);
  const values = (page: FillPage, selector?: string) => page.values(selector);

  describe('autofill into the target consoles', () => {
    it('MinIO Console: the React-style controlled inputs take both values and Login becomes enabled, nothing submitted', async () => {
      const page = await open('minio-console.html');
      expect(await page.isEnabled('#do-login')).toBe(false);
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
      expect(await page.evaluate(() => document.querySelector('#secretKey')!.className)).toContain(
        'ng-touched',
      );
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
      expect(await page.isEnabled('[name=accesskey]')).toBe(false);
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
      expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
        ok: true,
        adapter: 'nextcloud',
      });
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
      expect(await page.evaluate(() => document.querySelector('input'))).toBeNull();
      expect(await fill(page)).toMatchObject({ ok: true, adapter: 'generic' });
      expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
      await page.close();
    });

    it('a form inside an open shadow root', async () => {
      const page = await open('shadow-root.html');
      expect(await fill(page)).toMatchObject({ ok: true, adapter: 'generic' });
      expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
      await page.close();
    });

    it('a form inside a same-origin iframe', async () => {
      const page = await open('same-origin-frame.html');
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              !!document.querySelector<HTMLIFrameElement>('#f')?.contentDocument?.querySelector('#accessKey'),
          ),
        )
        .toBe(true);
      expect(await fill(page)).toMatchObject({ ok: true, adapter: 'access-key-ids' });
      expect(await page.valuesInFrame('minio-browser')).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
      await page.close();
    });
  });

  describe('autofill into more consoles, modelled on their public source', () => {
    // A plain copy: a framework's reactive proxy does not cross every driver's serialisation.
    const read = (page: FillPage) =>
      page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { state: unknown }).state)));
    const allValues = async (page: FillPage) => (await page.values()).join('');

    it('Ceph Dashboard (Angular): the cloud-S3 tiering form takes keys, a URL endpoint and the region; Target Path is not a bucket', async () => {
      const page = await open('ceph-dashboard-storage-class.html');
      expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
        ok: true,
        adapter: 'generic',
        filled: ['accessKey', 'secret', 'endpoint', 'region'],
      });
      expect(await read(page)).toEqual({
        storageClassType: 'cloud-s3',
        zonegroup: 'default',
        storage_class: '',
        region: PAIR.region,
        target_endpoint: PAIR.endpoint,
        access_key: PAIR.accessKeyId,
        secret_key: PAIR.secretAccessKey,
        target_path: '',
      });
      // The dashboard's URL validator accepts the endpoint: only Name and Target Path are left to type.
      expect(await page.evaluate(() => document.querySelector('#target_endpoint')!.className)).toContain(
        'ng-valid',
      );
      expect(await page.evaluate(() => document.querySelector('#access_key')!.className)).toContain(
        'ng-touched',
      );
      await page.close();
    });

    it('Ceph Dashboard, negative twin: the "Create S3 Key" dialog with Auto-generate checked is refused as having no S3 key fields, not as a login', async () => {
      const page = await open('ceph-dashboard-s3-key.html');
      expect(await fill(page)).toMatchObject({ ok: false, reason: 'no-fields' });
      expect(await read(page)).toEqual({ user: null, generate_key: true, access_key: '', secret_key: '' });
      await page.close();
    });

    it('1Panel (Vue 3): the S3 backup account takes keys, region and endpoint by their <label for>; the bucket select is not typed into', async () => {
      const page = await open('onepanel-backup-s3.html');
      expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
        ok: true,
        adapter: 'generic',
        filled: ['accessKey', 'secret', 'endpoint', 'region'],
      });
      expect(await read(page)).toEqual({
        type: 'S3',
        accessKey: PAIR.accessKeyId,
        credential: PAIR.secretAccessKey,
        bucket: '',
        varsJson: { region: PAIR.region, endpoint: PAIR.endpoint, address: '', port: 22 },
      });
      await page.close();
    });

    it('1Panel, negative twin: an SFTP account (username and password among other fields) is no S3 form and no login form', async () => {
      const page = await open('onepanel-backup-sftp.html');
      expect(await fill(page)).toMatchObject({ ok: false, reason: 'no-fields' });
      expect(await allValues(page)).toBe('22');
      await page.close();
    });

    it('Home Assistant (web components): fields in nested open shadow roots, labelled by aria-labelledby; the default endpoint is replaced and Submit enabled', async () => {
      const page = await open('home-assistant-aws-s3.html');
      // Its field names are Filestash's (access_key_id, secret_access_key): that adapter takes the keys
      // and the generic classifier adds the endpoint_url the adapter does not find.
      expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
        ok: true,
        adapter: 'filestash',
        filled: ['accessKey', 'secret', 'endpoint', 'bucket'],
      });
      expect(await read(page)).toEqual({
        access_key_id: PAIR.accessKeyId,
        secret_access_key: PAIR.secretAccessKey,
        bucket: 'photos',
        endpoint_url: PAIR.endpoint,
      });
      expect(await page.isEnabled('#submit')).toBe(true);
      await page.close();
    });

    it('Home Assistant, negative twin: its sign-in page is refused as a login form', async () => {
      const page = await open('home-assistant-login.html');
      expect(await fill(page)).toMatchObject({ ok: false, reason: 'login-form' });
      expect(await allValues(page)).toBe('');
      await page.close();
    });

    it('Proxmox Backup Server (ExtJS): the S3 endpoint field asks for a host, so it gets the host, not the URL', async () => {
      const page = await open('pbs-s3-endpoint.html');
      expect(await fill(page, { ...PAIR, endpoint: 'https://s3.north.example' })).toMatchObject({
        ok: true,
        adapter: 'generic',
        filled: ['accessKey', 'secret', 'endpoint', 'region'],
      });
      expect(await read(page)).toEqual({
        id: '',
        endpoint: 's3.north.example',
        port: '',
        region: PAIR.region,
        'access-key': PAIR.accessKeyId,
        'secret-key': PAIR.secretAccessKey,
        fingerprint: '',
      });
      await page.close();
    });

    it('Proxmox Backup Server, negative twin: the Remotes dialog (host, auth id, password) is left alone', async () => {
      const page = await open('pbs-remote.html');
      expect(await fill(page)).toMatchObject({ ok: false, reason: 'no-fields' });
      expect(await allValues(page)).toBe('');
      await page.close();
    });
  });

  describe('autofill that generalises', () => {
    it("a MinIO look-alike: the adapter fills the keys and the generic classifier the endpoint (host:port), the region option and the bucket; focus and scroll are the user's again", async () => {
      const page = await open('minio-lookalike-extended.html');
      await page.focus('#search');
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await fill(page, { ...PAIR, bucket: 'photos' })).toMatchObject({
        ok: true,
        adapter: 'minio-console',
        filled: ['accessKey', 'secret', 'endpoint', 'region', 'bucket'],
      });
      expect(await page.evaluate(() => Object.fromEntries(new FormData(document.forms[0]!)))).toEqual({
        accessKey: PAIR.accessKeyId,
        secretKey: PAIR.secretAccessKey,
        endpoint: 's3.north.example:7481',
        region: PAIR.region,
        location: '',
        bucket: 'photos',
      });
      expect(await page.evaluate(() => [document.activeElement?.id, window.scrollY])).toEqual(['search', 0]);
      await page.close();
    });

    it('a dialog whose body scrolls: fields below its fold are filled, the port goes to a port field of its own, and the dialog is scrolled back', async () => {
      const page = await open('scrolling-dialog.html');
      expect(await fill(page)).toMatchObject({
        ok: true,
        adapter: 'generic',
        filled: ['accessKey', 'secret', 'endpoint', 'port'],
      });
      expect(
        await page.evaluate(() =>
          Object.fromEntries([...document.querySelectorAll('input')].map((i) => [i.name, i.value])),
        ),
      ).toEqual({
        host: 's3.north.example',
        port: '7481',
        access_key: PAIR.accessKeyId,
        secret_key: PAIR.secretAccessKey,
        report_email: '',
      });
      expect(
        await page.evaluate(() => [document.getElementById('scroller')!.scrollTop, window.scrollY]),
      ).toEqual([0, 0]);
      await page.close();
    });

    it('a hidden S3 section (another storage type chosen) is refused as "no visible S3 key fields"; once S3 is chosen it is filled', async () => {
      const page = await open('storage-type-hidden.html');
      expect(await fill(page)).toMatchObject({ ok: false, reason: 'hidden' });
      expect(await values(page)).toEqual(['', '', '', '', '', '', '']);
      await page.select('#type', 's3');
      expect(await fill(page)).toMatchObject({ ok: true, filled: ['accessKey', 'secret', 'endpoint'] });
      expect(await values(page, '#s3 input')).toEqual([
        PAIR.accessKeyId,
        PAIR.secretAccessKey,
        PAIR.endpoint,
        '',
      ]);
      await page.close();
    });

    it('a form with a session token asks first: Cancel writes nothing, Fill writes the long-term pair and leaves the token empty', async () => {
      const page = await open('sts-session-token.html');
      let pending = fill(page);
      await page.waitFor('s3keys-confirm');
      await page.press('Enter');
      expect(await pending).toMatchObject({ ok: false, reason: 'declined' });
      expect(await values(page)).toEqual(['', '', '']);
      pending = fill(page);
      await page.waitFor('s3keys-confirm');
      await page.press('Tab');
      await page.press('Enter');
      expect(await pending).toMatchObject({ ok: true, filled: ['accessKey', 'secret'] });
      expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey, '']);
      await page.close();
    });

    it('the keyboard command and the context menu path: a site this key was never filled into asks first; a known one does not', async () => {
      const page = await open('minio-browser.html');
      // What fillTab does for a gesture (askIfNewSite): the page gets the key's used origins.
      const gesture = (knownOrigins: string[]) =>
        browser.inExtension(
          async ({ url, pair, knownOrigins }) => {
            const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
            const target = { tabId: tab!.id!, frameIds: [0] };
            await chrome.scripting.executeScript({ target, files: ['/autofill.js'] });
            const [done] = await chrome.scripting.executeScript({
              target,
              func: (p: unknown, context: unknown) =>
                (
                  globalThis as unknown as { __s3keysFill: (p: unknown, c: unknown) => Promise<unknown> }
                ).__s3keysFill(p, context),
              args: [pair, { knownOrigins }],
            });
            return done!.result;
          },
          { url: page.url(), pair: PAIR, knownOrigins },
        );
      const pending = gesture(['https://elsewhere.example']);
      await page.waitFor('s3keys-confirm');
      await page.press('Enter');
      expect(await pending).toMatchObject({ ok: false, reason: 'declined' });
      expect(await values(page)).toEqual(['', '']);
      expect(await gesture([server.url])).toMatchObject({ ok: true, filled: ['accessKey', 'secret'] });
      expect(await values(page)).toEqual([PAIR.accessKeyId, PAIR.secretAccessKey]);
      await page.close();
    });
  });

  describe('autofill on hostile pages', () => {
    const refused = async (path: string, reason: string) => {
      const page = await open(path);
      const result = await fill(page);
      expect(result).toMatchObject({ ok: false, reason });
      expect((await page.valuesInAllFrames()).join('')).toBe('');
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
      await page.waitFor('s3keys-confirm');
      expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
      await page.press('Enter'); // the focused answer is Cancel
      expect(await pending).toEqual({ ok: false, reason: 'declined', origin });
      expect(await page.evaluate(() => document.querySelector('s3keys-confirm'))).toBeNull();
      expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });

      pending = fill(page);
      await page.waitFor('s3keys-confirm');
      await page.press('Tab');
      await page.press('Enter');
      expect(await pending).toMatchObject({ ok: true, origin, filled: ['accessKey', 'secret'] });
      expect(await state(page)).toEqual({ accessKey: PAIR.accessKeyId, secretKey: PAIR.secretAccessKey });
      await page.close();
    });

    it('the page removing the question counts as no', async () => {
      const page = await open('minio-console.html', `http://console.test:${server.port}`);
      const pending = fill(page);
      await page.waitFor('s3keys-confirm');
      await page.evaluate(() => document.querySelector('s3keys-confirm')!.remove());
      expect(await pending).toMatchObject({ ok: false, reason: 'declined' });
      expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
      await page.close();
    });

    it('a punycode look-alike host name: asks first, Escape declines', async () => {
      const page = await open('minio-console.html', `http://xn--mnio-8pa.test:${server.port}`);
      const pending = fill(page);
      await page.waitFor('s3keys-confirm');
      await page.press('Escape');
      expect(await pending).toMatchObject({ ok: false, reason: 'declined' });
      expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
      await page.close();
    });

    it('nothing is filled on page load, even with a pair pending', async () => {
      await browser.inExtension(
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
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await state(page)).toEqual({ accessKey: '', secretKey: '' });
      await browser.inExtension(() => chrome.storage.session.remove('pendingSecret'), undefined);
      await page.close();
    });
  });

  describe('where is this key used?', () => {
    it('lists, per access key, the origins it was filled into; refused fills and other keys are not listed; no secret is stored', async () => {
      const used = await usedOrigins(browser);
      expect(used[PAIR.accessKeyId]).toEqual([server.url, `http://console.test:${server.port}`]);
      expect(used.AKIAUNUSED).toBeUndefined();
      const local = JSON.stringify(
        await browser.inExtension(() => chrome.storage.local.get(null), undefined),
      );
      expect(local).not.toContain(PAIR.secretAccessKey);
    });

    it('after a reset, the replaced key still lists its origins; filling the new pair records it under the new key', async () => {
      const next: Fill = { ...PAIR, accessKeyId: 'AKIAE2ETESTKEY000002', secretAccessKey: 'new/secret' };
      const page = await open('minio-browser.html');
      expect(await fill(page, next)).toMatchObject({ ok: true });
      const used = await usedOrigins(browser);
      const [old, fresh] = [used[PAIR.accessKeyId], used[next.accessKeyId]];
      expect(old).toEqual([server.url, `http://console.test:${server.port}`]);
      expect(fresh).toEqual([server.url]);
      await page.close();
    });
  });
}
