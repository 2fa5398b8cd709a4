/**
 * fillPage in happy-dom (no layout: visibility is stubbed here and proved in the e2e tests).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fillPage, type FillPageOptions } from '../../../extension/features/autofill/fill-page.ts';
import type { Fill } from '../../../extension/features/autofill/types.ts';

const PAIR: Fill = {
  accessKeyId: 'AKIATEST',
  secretAccessKey: 'sec/ret',
  endpoint: 'https://s3.example.com',
  region: 'demo-north-1',
};
const visible: FillPageOptions = { checkVisible: () => null, waitMs: 0, confirm: async () => true };

function setUrl(url: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

beforeEach(() => setUrl('https://console.example.com/login'));

describe('fillPage', () => {
  it('when a React-style value tracker sits on the instance, then the native setter still reaches the DOM and the tracker is left stale', async () => {
    document.body.innerHTML =
      '<form><input id="accessKey" name="accessKey"><input id="secretKey" name="secretKey" type="password"></form>';
    const input = document.getElementById('accessKey') as HTMLInputElement;
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    let tracked = '';
    Object.defineProperty(input, 'value', {
      configurable: true,
      get: () => native.get!.call(input),
      set: (v: string) => {
        tracked = v;
        native.set!.call(input, v);
      },
    });
    const seen: string[] = [];
    document.addEventListener('input', (e) =>
      seen.push(
        `input:${(e.target as HTMLInputElement).id}:${native.get!.call(e.target) !== tracked || (e.target as HTMLElement).id !== 'accessKey'}`,
      ),
    );
    const submit = vi.fn((e: Event) => e.preventDefault());
    document.addEventListener('submit', submit);

    const result = await fillPage(document, PAIR, visible);
    expect(result).toEqual({
      ok: true,
      origin: 'https://console.example.com',
      adapter: 'minio-console',
      filled: ['accessKey', 'secret'],
    });
    expect(native.get!.call(input)).toBe(PAIR.accessKeyId);
    expect(seen).toEqual(['input:accessKey:true', 'input:secretKey:true']);
    expect(submit).not.toHaveBeenCalled();
  });

  it('when the form needs a mode first, then the adapter sets it and fills the enabled fields', async () => {
    document.body.innerHTML = `<form>
      <select name="auth"><option value="anon">anon</option><option value="auth">auth</option></select>
      <select name="region"><option>us-east-1</option><option>demo-north-1</option></select>
      <input name="accesskey" class="k" disabled><input name="secretkey" class="k" type="password" disabled><input name="bucket"></form>`;
    document.querySelector('[name=auth]')!.addEventListener('change', (e) => {
      for (const k of document.querySelectorAll<HTMLInputElement>('.k'))
        k.disabled = (e.target as HTMLSelectElement).value !== 'auth';
    });
    const result = await fillPage(document, { ...PAIR, bucket: 'photos' }, { ...visible, waitMs: 500 });
    expect(result).toMatchObject({
      ok: true,
      adapter: 's3-explorer',
      filled: ['accessKey', 'secret', 'region', 'bucket'],
    });
    expect(Object.fromEntries(new FormData(document.forms[0]!))).toEqual({
      auth: 'auth',
      region: 'demo-north-1',
      accesskey: 'AKIATEST',
      secretkey: 'sec/ret',
      bucket: 'photos',
    });
  });

  it('when the region select has no such option, then the region is left alone', async () => {
    document.body.innerHTML =
      '<form><input name="access_key"><input name="secret_key"><select name="region"><option>eu-west-1</option></select></form>';
    expect(await fillPage(document, PAIR, visible)).toMatchObject({
      ok: true,
      filled: ['accessKey', 'secret'],
    });
  });

  it('when a key field is invisible, then nothing at all is written', async () => {
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    const result = await fillPage(document, PAIR, {
      ...visible,
      checkVisible: (c) => (c.name === 'secret_key' ? 'covered' : null),
    });
    expect(result).toMatchObject({ ok: false, reason: 'covered' });
    expect([...document.querySelectorAll('input')].map((i) => i.value)).toEqual(['', '']);
  });

  it('when the page is plain http: off loopback, then it asks and a "no" writes nothing', async () => {
    setUrl('http://console.example.com/login');
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    const confirm = vi.fn(async () => false);
    expect(await fillPage(document, PAIR, { ...visible, confirm })).toMatchObject({
      ok: false,
      reason: 'declined',
    });
    expect(confirm).toHaveBeenCalledOnce();
    expect([...document.querySelectorAll('input')].map((i) => i.value)).toEqual(['', '']);
  });

  it('when the page is http: on loopback, then it does not ask', async () => {
    setUrl('http://127.0.0.1:9001/login');
    document.body.innerHTML = '<form><input name="access_key"><input name="secret_key"></form>';
    const confirm = vi.fn(async () => false);
    expect(await fillPage(document, PAIR, { ...visible, confirm })).toMatchObject({ ok: true });
    expect(confirm).not.toHaveBeenCalled();
  });

  it('when fields appear later, then it waits for them', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    setTimeout(
      () =>
        (document.getElementById('app')!.innerHTML =
          '<form><input name="access_key"><input name="secret_key"></form>'),
      50,
    );
    expect(await fillPage(document, PAIR, { ...visible, waitMs: 1000 })).toMatchObject({
      ok: true,
      adapter: 'generic',
    });
  });

  it('when only a sign-in form is there, then it refuses with login-form', async () => {
    document.body.innerHTML = '<form><input name="username"><input name="password" type="password"></form>';
    expect(await fillPage(document, PAIR, visible)).toMatchObject({ ok: false, reason: 'login-form' });
  });
});
