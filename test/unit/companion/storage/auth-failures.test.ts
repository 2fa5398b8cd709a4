import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegistryStorage } from '../../../../companion/storage/registry-storage.ts';
import { openTestStorage, STORAGE_KINDS, usePostgresForFile } from '../../../helpers/test-storage.ts';

usePostgresForFile();

describe.each(STORAGE_KINDS)('failed authentications on %s', (kind) => {
  let storage: RegistryStorage;
  beforeEach(async () => {
    storage = await openTestStorage(kind);
  });
  afterEach(() => storage.close());

  it('pruning forgets every failure at or before the given time, in every bucket, and keeps the later ones', async () => {
    for (let i = 0; i < 100; i++)
      await storage.authFailures.record([`address:198.51.100.${i}`, 'all-tokens'], i);
    await storage.authFailures.prune(49);
    expect(await storage.authFailures.since('address:198.51.100.10', -1)).toEqual({ count: 0, oldest: null });
    expect(await storage.authFailures.since('address:198.51.100.60', -1)).toEqual({ count: 1, oldest: 60 });
    expect(await storage.authFailures.since('all-tokens', -1)).toEqual({ count: 50, oldest: 50 });
  });
});
