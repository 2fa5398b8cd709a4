/**
 * Site adapters for the consoles in shared/notes/autofill.md. Each names its fields by selector
 * (matched on collected controls, so shadow roots and same-origin frames count) and sets any mode
 * the form needs first. Fixture pages: test/fixtures/pages/{minio-console, minio-browser, s3gw-ui,
 * filestash, s3-explorer, nextcloud}.html.
 * @module
 */
import type { Control } from './collect-fields.ts';
import { writeValue } from './set-value.ts';
import type { FieldKind, Fill } from './types.ts';

/** A field of a target: where it is and, when the form wants something else than the plain value, what. */
export interface TargetField {
  selector: string;
  value?: (fill: Fill) => string;
}

/** One known console form. */
export interface Target {
  id: string;
  /** The access key and secret fields must both match for the target to apply. */
  fields: { accessKey: TargetField; secret: TargetField } & Partial<Record<FieldKind, TargetField>>;
  /**
   * Sets what the form needs before its fields take values (a mode select, a checkbox that reveals
   * more fields). Returns true when it changed something, so the caller waits for the form to react.
   */
  prepare?: (controls: Control[]) => boolean;
}

export const TARGETS: readonly Target[] = [
  {
    // MinIO Console v1/v2 (React): "Username"/"Password" placeholders, but the ids say S3.
    id: 'minio-console',
    fields: {
      accessKey: { selector: 'input#accessKey[name=accessKey]' },
      secret: { selector: 'input#secretKey[name=secretKey]' },
    },
  },
  {
    // MinIO's legacy browser and s3gw-ui (Angular) share these ids, without names.
    id: 'access-key-ids',
    fields: { accessKey: { selector: 'input#accessKey' }, secret: { selector: 'input#secretKey' } },
  },
  {
    id: 'filestash',
    fields: {
      accessKey: { selector: 'input[name=access_key_id]' },
      secret: { selector: 'input[name=secret_access_key]' },
      region: { selector: 'input[name=region]' },
      endpoint: { selector: 'input[name=endpoint]' },
    },
    // The "advanced" checkbox reveals region and endpoint.
    prepare: (controls) => {
      const advanced = controls.find((c) => c.matches('input[type=checkbox][name=advanced]')) as
        | HTMLInputElement
        | undefined;
      if (!advanced || advanced.checked || advanced.disabled) return false;
      advanced.click();
      return true;
    },
  },
  {
    // aws-js-s3-explorer (AngularJS): the key fields stay disabled until the auth mode is chosen.
    id: 's3-explorer',
    fields: {
      accessKey: { selector: 'input[name=accesskey]' },
      secret: { selector: 'input[name=secretkey]' },
      region: { selector: 'select[name=region]' },
      bucket: { selector: 'input[name=bucket]' },
    },
    prepare: (controls) => {
      const mode = controls.find(
        (c): c is HTMLSelectElement =>
          c.localName === 'select' && [...(c as HTMLSelectElement).options].some((o) => o.value === 'auth'),
      );
      if (!mode || mode.value === 'auth') return false;
      writeValue(mode, 'auth');
      return true;
    },
  },
  {
    // Nextcloud external storage (Vue 3, floating labels): host name without scheme.
    id: 'nextcloud',
    fields: {
      accessKey: { selector: 'input[name=key]' },
      secret: { selector: 'input[name=secret]' },
      bucket: { selector: 'input[name=bucket]' },
      endpoint: { selector: 'input[name=hostname]', value: (fill) => new URL(fill.endpoint).hostname },
      region: { selector: 'input[name=region]' },
    },
  },
];
