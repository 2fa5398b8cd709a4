import { describe, expect, it } from 'vitest';
import { DEFAULT_GECKO_ID, geckoId } from '../../../extension/build/gecko-id.ts';

describe('the Firefox add-on id chosen at build time', () => {
  it('is the project default when S3KEYS_GECKO_ID is unset or blank', () => {
    expect(geckoId(undefined)).toBe(DEFAULT_GECKO_ID);
    expect(geckoId('  ')).toBe(DEFAULT_GECKO_ID);
    expect(DEFAULT_GECKO_ID).toBe('s3-keys@s3keys');
  });

  it('takes an email-like id or a GUID in braces', () => {
    expect(geckoId('s3-keys@example.com')).toBe('s3-keys@example.com');
    expect(geckoId('{0f8a3c1e-5b2d-4c6f-9e7a-1d2b3c4d5e6f}')).toBe('{0f8a3c1e-5b2d-4c6f-9e7a-1d2b3c4d5e6f}');
  });

  it('stops the build on anything else, naming the setting and the accepted forms', () => {
    for (const bad of ['s3keys', 'two words@example.com', '{not-a-guid}', 'a@b/c']) {
      expect(() => geckoId(bad)).toThrow(/S3KEYS_GECKO_ID=".*" is not a Firefox add-on id: use name@domain/);
    }
  });
});
