/**
 * The rules that make autofill generalise (issue 11), in happy-dom: what a site adapter leaves to the
 * generic classifier, shown fields over hidden ones, what counts as a login form, the endpoint's and
 * region's shape, and the refusal sentences. Layout is stubbed: a field is shown unless it or an
 * ancestor has `hidden` (the real layout checks run in the Chromium tests).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { collectControls, type Control } from '../../../extension/features/autofill/collect-fields.ts';
import { detect, type Detection } from '../../../extension/features/autofill/detect.ts';
import { explainFillResult } from '../../../extension/features/autofill/explain-fill-result.ts';
import { fillPage, type FillPageOptions } from '../../../extension/features/autofill/fill-page.ts';
import type { Fill } from '../../../extension/features/autofill/types.ts';
import { endpointShape } from '../../../extension/features/autofill/value-shape.ts';

const PAIR: Fill = {
  accessKeyId: 'AKIATEST',
  secretAccessKey: 'sec/ret',
  endpoint: 'https://s3.example.com:9000',
  region: 'demo-north-1',
  bucket: 'photos',
};
const isShown = (control: Control) => !control.closest('[hidden]');
const options: FillPageOptions = { checkVisible: () => null, isShown, waitMs: 0, confirm: async () => true };

function setUrl(url: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}
const detected = () => detect(collectControls(document), { isShown });
const fieldIds = (found: ReturnType<typeof detected>) =>
  'refusal' in found
    ? found
    : Object.fromEntries(Object.entries((found as Detection).fields).map(([kind, c]) => [kind, c!.id]));

beforeEach(() => setUrl('https://console.example.com/login'));

describe('a site adapter and the generic classifier together', () => {
  it('when a MinIO look-alike also asks for endpoint, region and bucket, then the adapter takes the keys and the classifier the rest of the same form', () => {
    document.body.innerHTML = `<form>
      <input id="accessKey" name="accessKey"><input id="secretKey" name="secretKey" type="password">
      <label for="e">Endpoint</label><input id="e" name="endpoint">
      <input id="r" name="region"><input id="b" name="bucket"></form>
      <form><input id="other" name="bucket"></form>`;
    expect(detected()).toMatchObject({ adapter: 'minio-console' });
    expect(fieldIds(detected())).toEqual({
      accessKey: 'accessKey',
      secret: 'secretKey',
      endpoint: 'e',
      region: 'r',
      bucket: 'b',
    });
  });

  it('when the extra field is named only by help text or a placeholder, then it is not added next to an adapter', () => {
    document.body.innerHTML = `<form>
      <input id="accessKey" name="accessKey"><input id="secretKey" name="secretKey" type="password">
      <label for="lc">Location constraint <small class="help">where buckets are created</small></label><input id="lc">
      <input id="p" placeholder="bucket name"></form>`;
    // "Location constraint" is S3's name for a bucket's region; the help text's "buckets" does not count.
    expect(fieldIds(detected())).toEqual({ accessKey: 'accessKey', secret: 'secretKey', region: 'lc' });
  });

  it('when a field of the kind is in another form, then it is not added', () => {
    document.body.innerHTML = `<form><input id="accessKey" name="accessKey"><input id="secretKey" name="secretKey"></form>
      <form><input id="e" name="endpoint"></form>`;
    expect(fieldIds(detected())).toEqual({ accessKey: 'accessKey', secret: 'secretKey' });
  });

  it("when a form uses one target's key names but asks for the endpoint under another name, then the classifier fills that in", () => {
    document.body.innerHTML = `<form><input id="a" name="access_key_id"><input id="s" name="secret_access_key">
      <input id="u" name="endpoint_url"></form>`;
    expect(fieldIds(detected())).toEqual({ accessKey: 'a', secret: 's', endpoint: 'u' });
  });
});

describe('shown fields first', () => {
  it('when a hidden section and a shown one both have key fields, then the shown ones are taken', () => {
    document.body.innerHTML = `<form>
      <fieldset hidden><input id="ha" name="access_key"><input id="hs" name="secret_key"></fieldset>
      <fieldset><input id="a" name="access_key"><input id="s" name="secret_key"></fieldset></form>`;
    expect(fieldIds(detected())).toEqual({ accessKey: 'a', secret: 's' });
  });

  it('when the only S3 key fields are hidden (another storage type chosen), then it refuses with "no visible S3 key fields", not clickjacking', async () => {
    document.body.innerHTML = `<form><select name="type"><option>SFTP</option><option>S3</option></select>
      <fieldset hidden><input name="access_key"><input name="secret_key"></fieldset>
      <fieldset><input name="host"><input name="user" autocomplete="username"><input name="password" type="password"></fieldset></form>`;
    const result = await fillPage(document, PAIR, options);
    expect(result).toMatchObject({ ok: false, reason: 'hidden' });
    expect(explainFillResult(result)).toBe(
      'There are no visible S3 key fields on this page (is another storage type chosen?): nothing was filled.',
    );
    expect(explainFillResult(result)).not.toMatch(/clickjacking/);
  });

  it('when a shown key field is covered, then the clickjacking refusal still applies', async () => {
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    const result = await fillPage(document, PAIR, { ...options, checkVisible: () => 'covered' });
    expect(explainFillResult(result)).toMatch(/covered by something else, a sign of clickjacking/);
  });
});

describe('"login form" only for a login form', () => {
  it.each([
    [
      'a username and a password',
      '<form><input name="username"><input name="password" type="password"></form>',
    ],
    [
      'an e-mail and a password',
      '<form><input type="email" name="mail"><input type="password" name="pw"></form>',
    ],
  ])('when the page has %s, then it is a login form', async (_, html) => {
    document.body.innerHTML = html;
    const result = await fillPage(document, PAIR, options);
    expect(result).toMatchObject({ ok: false, reason: 'login-form' });
    expect(explainFillResult(result)).toBe(
      'This looks like an ordinary login form, not an S3 console: nothing was filled.',
    );
  });

  it.each([
    [
      'an access-key dialog with auto-generate options',
      `<form><label for="u">Username</label><select id="u"><option>admin</option></select>
       <input type="checkbox" id="gen" checked><label for="gen">Auto-generate key</label></form>`,
    ],
    [
      'a licence page with a "secret" question',
      `<form><label for="l">Licence key</label><input id="l" name="license">
       <label for="q">Secret question</label><input id="q" name="question"><label for="a">Answer</label><input id="a" name="answer"></form>`,
    ],
    [
      'an SFTP account with host, port, user, password and path',
      `<form><input name="host"><input name="port"><input name="user"><input name="pass" type="password"><input name="path"></form>`,
    ],
    ['a lone password field', '<form><input type="password" name="pin"></form>'],
  ])(
    'when the page is %s, then it says "no S3 key fields found here" and writes nothing',
    async (_, html) => {
      document.body.innerHTML = html;
      const result = await fillPage(document, PAIR, options);
      expect(result).toMatchObject({ ok: false, reason: 'no-fields' });
      expect(explainFillResult(result)).toBe('No S3 key fields were found here: nothing was filled.');
      expect(
        [...document.querySelectorAll('input')].every((i) => i.type === 'checkbox' || i.value === ''),
      ).toBe(true);
    },
  );
});

describe('endpoint and region shaped for the field', () => {
  const field = (html: string) => {
    document.body.innerHTML = html;
    return document.querySelector<Control>('input')!;
  };
  it.each([
    ['<input type="url" name="endpoint">', 'url'],
    ['<input name="endpoint" placeholder="e.g, http://ceph-node-00.com:80">', 'url'],
    ['<input name="endpoint" placeholder="e.g. {{bucket}}.s3.{{region}}.amazonaws.com">', 'host'],
    ['<input name="endpoint" placeholder="minio:9000">', 'host'],
    // Browsers compile `pattern` with the v flag, where a `-` in a class is escaped.
    ['<input name="endpoint" pattern="[a-z0-9.\\-]+(:[0-9]+)?">', 'host'],
    ['<input name="endpoint" pattern="https?://.+">', 'url'],
    ['<input name="hostname">', 'host'],
    ['<input name="endpoint_url">', 'url'],
    ['<input name="endpoint">', 'url'],
  ])('%s wants the endpoint as a %s', (html, shape) => {
    expect(endpointShape(field(html), PAIR.endpoint)).toBe(shape);
  });

  it('when the endpoint field asks for a host, then it gets host:port', async () => {
    document.body.innerHTML =
      '<form><input name="access_key"><input name="secret_key"><input name="endpoint" placeholder="s3.example.com"></form>';
    await fillPage(document, PAIR, options);
    expect(document.querySelector<HTMLInputElement>('[name=endpoint]')!.value).toBe('s3.example.com:9000');
  });

  it('when the form has a port field of its own, then the endpoint field gets the host and the port field the port', async () => {
    document.body.innerHTML =
      '<form><input name="access_key"><input name="secret_key"><input name="endpoint" placeholder="s3.example.com">' +
      '<label for="p">Port</label><input id="p"><input name="report"><input name="export_port_list"></form>';
    const result = await fillPage(document, PAIR, options);
    expect(result).toMatchObject({ ok: true, filled: ['accessKey', 'secret', 'endpoint', 'port'] });
    const value = (selector: string) => document.querySelector<HTMLInputElement>(selector)!.value;
    expect([
      value('[name=endpoint]'),
      value('#p'),
      value('[name=report]'),
      value('[name=export_port_list]'),
    ]).toEqual(['s3.example.com', '9000', '', '']);
    expect(explainFillResult(result)).toContain('secret access key, endpoint and port');
  });

  it('when the endpoint names no port, then a port field keeps its own default', async () => {
    document.body.innerHTML =
      '<form><input name="access_key"><input name="secret_key"><input name="hostname"><input name="port" value="443"></form>';
    const result = await fillPage(document, { ...PAIR, endpoint: 'https://s3.example.com' }, options);
    expect(result).toMatchObject({ ok: true, filled: ['accessKey', 'secret', 'endpoint'] });
    expect(document.querySelector<HTMLInputElement>('[name=port]')!.value).toBe('443');
  });

  it('when the region is a list, then the option naming the region is picked, by value or by a word of its text', async () => {
    document.body.innerHTML = `<form><input name="access_key"><input name="secret_key">
      <select name="region"><option value="">Choose</option><option value="r1">EU (Ireland) eu-west-1</option><option value="r2">Demo North (demo-north-1)</option></select></form>`;
    expect(await fillPage(document, PAIR, options)).toMatchObject({
      filled: ['accessKey', 'secret', 'region'],
    });
    expect(document.querySelector<HTMLSelectElement>('select')!.value).toBe('r2');
  });

  it('when a region input only suggests values (a datalist), then the region is typed', async () => {
    document.body.innerHTML = `<form><input name="access_key"><input name="secret_key">
      <input name="region" list="regions"><datalist id="regions"><option value="eu-west-1"></option></datalist></form>`;
    await fillPage(document, PAIR, options);
    expect(document.querySelector<HTMLInputElement>('[name=region]')!.value).toBe(PAIR.region);
  });
});

describe('asking first', () => {
  it('when the form has a session-token field, then it explains temporary credentials, and a "no" writes nothing', async () => {
    document.body.innerHTML = `<form><input name="access_key"><input name="secret_key">
      <label for="t">Session token</label><input id="t" name="token"></form>`;
    const confirm = vi.fn(async () => false);
    expect(await fillPage(document, PAIR, { ...options, confirm })).toMatchObject({
      ok: false,
      reason: 'declined',
    });
    expect(confirm).toHaveBeenCalledWith(document, expect.stringMatching(/temporary \(STS\) credentials/));
    expect([...document.querySelectorAll('input')].map((i) => i.value)).toEqual(['', '', '']);
  });

  it('when the user confirms a session-token form, then the pair is filled and the token left empty', async () => {
    document.body.innerHTML =
      '<form><input name="access_key"><input name="secret_key"><input name="sessionToken"></form>';
    expect(await fillPage(document, PAIR, options)).toMatchObject({
      ok: true,
      filled: ['accessKey', 'secret'],
    });
    expect(document.querySelector<HTMLInputElement>('[name=sessionToken]')!.value).toBe('');
  });

  it('when the key was never filled into this site (a gesture), then it asks, naming the site', async () => {
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    const confirm = vi.fn(async () => false);
    const result = await fillPage(document, PAIR, {
      ...options,
      confirm,
      knownOrigins: ['https://other.example'],
    });
    expect(result).toMatchObject({ ok: false, reason: 'declined' });
    expect(confirm).toHaveBeenCalledWith(
      document,
      expect.stringContaining('never filled into console.example.com'),
    );
  });

  it('when the key was filled into this site before, or the popup names the site, then it does not ask', async () => {
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    const confirm = vi.fn(async () => false);
    const known = { ...options, confirm, knownOrigins: ['https://console.example.com'] };
    expect(await fillPage(document, PAIR, known)).toMatchObject({ ok: true });
    expect(await fillPage(document, PAIR, { ...options, confirm })).toMatchObject({ ok: true });
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe("the user's focus and scroll position", () => {
  it('when the user was typing elsewhere, then the focus goes back there after the fill', async () => {
    document.body.innerHTML =
      '<input id="search" type="search"><form><input name="access_key"><input name="secret_key"></form>';
    document.getElementById('search')!.focus();
    await fillPage(document, PAIR, options);
    expect(document.activeElement?.id).toBe('search');
  });

  it('when a visibility check scrolls a box around the fields (a dialog body), then the box is scrolled back', async () => {
    document.body.innerHTML =
      '<div role="dialog"><div id="box"><p>Intro</p><input name="access_key"><input name="secret_key"></div></div>';
    const box = document.getElementById('box')!;
    // happy-dom has no layout: the box says it is taller inside than out, as a scrolling box does.
    Object.defineProperty(box, 'scrollHeight', { value: 1000 });
    Object.defineProperty(box, 'clientHeight', { value: 200 });
    box.scrollTop = 40;
    await fillPage(document, PAIR, { ...options, checkVisible: () => ((box.scrollTop = 600), null) });
    expect(box.scrollTop).toBe(40);
  });

  it('when a visibility check scrolls, then the page is scrolled back', async () => {
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    window.scrollTo(0, 0);
    const scrollTo = vi.spyOn(window, 'scrollTo');
    await fillPage(document, PAIR, { ...options, checkVisible: () => (window.scrollTo(0, 500), null) });
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
  });
});
