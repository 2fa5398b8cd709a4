import { describe, expect, it } from 'vitest';
import { pairOf } from '@/entrypoints/popup/PairActions.tsx';
import { SECRET } from './fixtures.ts';

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
});
