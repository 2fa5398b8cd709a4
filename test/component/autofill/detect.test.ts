/**
 * Detection on the fixture pages' markup (scripts not run): every target matches its own pages and
 * nothing else; the generic detector takes the unknown consoles and refuses sign-in forms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, normalise } from '../../../extension/features/autofill/classify-field.ts';
import { collectControls, type Control } from '../../../extension/features/autofill/collect-fields.ts';
import { detect } from '../../../extension/features/autofill/detect.ts';

// vitest runs from the repository root; import.meta.url is not a file: URL under happy-dom.
const PAGES_DIR = join(process.cwd(), 'test', 'fixtures', 'pages');

function load(page: string): Document {
  const html = readFileSync(join(PAGES_DIR, page), 'utf8');
  const doc = document.implementation.createHTMLDocument();
  doc.documentElement.innerHTML = html.replace(/<!doctype html>/i, '');
  return doc;
}

const outcome = (page: string) => {
  const found = detect(collectControls(load(page)));
  return 'refusal' in found ? found.refusal : found.adapter;
};

describe('detect', () => {
  it.each([
    ['minio-browser.html', 'access-key-ids'],
    ['s3gw-ui.html', 'access-key-ids'],
    ['filestash.html', 'filestash'],
    ['s3-explorer.html', 's3-explorer'],
    ['nextcloud.html', 'nextcloud'],
    ['endpoint-region.html', 'generic'],
    ['secret-text.html', 'generic'],
    ['login.html', 'login-form'],
    ['lookalike.html', 'login-form'],
    ['hostile-overlay.html', 'minio-console'],
  ])('when the page is %s, then it finds %s', (page, expected) => {
    expect(outcome(page)).toBe(expected);
  });

  it('when the MinIO Console renders its form, then the minio-console adapter takes it despite "Username"/"Password"', () => {
    document.body.innerHTML =
      '<form><input id="accessKey" name="accessKey" placeholder="Username" autocomplete="username"><input id="secretKey" name="secretKey" type="password" placeholder="Password" autocomplete="current-password"></form>';
    expect(detect(collectControls(document))).toMatchObject({ adapter: 'minio-console' });
  });

  it('when the form lives in an open shadow root, then its controls are collected', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<form><label>Access key ID <input name="a"></label><label>Secret access key <input name="b" type="password"></label></form>';
    const found = detect(collectControls(document));
    expect(found).toMatchObject({ adapter: 'generic' });
    expect('fields' in found && found.fields.secret?.getAttribute('name')).toBe('b');
  });

  it('when the page has no S3 fields and no sign-in form, then it reports no-fields', () => {
    document.body.innerHTML = '<input name="q" type="search">';
    expect(detect(collectControls(document))).toEqual({ refusal: 'no-fields' });
  });

  it('when access key and secret sit in different forms, then the generic detector does not pair them', () => {
    document.body.innerHTML = '<form><input name="access_key"></form><form><input name="secret_key"></form>';
    expect(detect(collectControls(document))).toEqual({ refusal: 'no-fields' });
  });

  it('when the key fields are disabled, then the generic detector skips them', () => {
    document.body.innerHTML = '<form><input name="access_key" disabled><input name="secret_key"></form>';
    expect(detect(collectControls(document))).toEqual({ refusal: 'no-fields' });
  });
});

describe('classify', () => {
  const field = (html: string) => {
    document.body.innerHTML = html;
    return document.querySelector<Control>('input,select')!;
  };

  it('normalises case and separators', () => expect(normalise('Access_Key-ID ')).toBe('accesskeyid'));
  it('a "Secret Access Key" is a secret, not an access key', () =>
    expect(classify(field('<input placeholder="Secret Access Key">'))).toBe('secret'));
  it('reads <label for> text', () =>
    expect(classify(field('<label for="k">Access key</label><input id="k" name="key">'))).toBe('accessKey'));
  it('reads aria-labelledby text', () =>
    expect(classify(field('<span id="l">S3 endpoint</span><input aria-labelledby="l">'))).toBe('endpoint'));
  it('a region may be a select', () =>
    expect(classify(field('<select name="region"><option>a</option></select>'))).toBe('region'));
  it('a key is never a select', () =>
    expect(classify(field('<select name="access_key"><option>a</option></select>'))).toBeNull());
  it('username and password are not S3 words', () => {
    expect(classify(field('<input name="username" autocomplete="username">'))).toBeNull();
    expect(
      classify(field('<input name="password" type="password" autocomplete="current-password">')),
    ).toBeNull();
  });
});
