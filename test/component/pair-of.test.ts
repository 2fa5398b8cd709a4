import { beforeEach, describe, expect, it } from 'vitest';
import { pairOf, pendingSecretPair } from '@/features/autofill/index.ts';
import { pendingSecret } from '@/lib/state.ts';
import { clearStorage, SECRET } from './fixtures.ts';

beforeEach(clearStorage);

describe('the pair autofill gets from a pending secret', () => {
  it("carries the keys, endpoint and region, and the region's bucket when it names one", () => {
    expect(pairOf(SECRET)).toEqual({
      accessKeyId: SECRET.accessKeyId,
      secretAccessKey: SECRET.secretAccessKey,
      endpoint: SECRET.endpoint,
      region: SECRET.region,
    });
    expect(pairOf({ ...SECRET, bucket: 'photos' })).toMatchObject({ bucket: 'photos' });
  });

  it('the keyboard command and the context menu fill the same pair as the popup, bucket included', async () => {
    expect(await pendingSecretPair({})).toBeNull();
    await pendingSecret.setValue({ ...SECRET, bucket: 'photos' });
    expect(await pendingSecretPair({ url: 'https://console.example' })).toEqual(
      pairOf({ ...SECRET, bucket: 'photos' }),
    );
    expect(await pendingSecretPair({})).toMatchObject({ bucket: 'photos' });
  });
});
