// The registry's invariants are the database's own on PostgreSQL: a write that bypasses the companion's
// code still cannot leave two current pairs in a slot, or a current pair without its sealed secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../../companion/directory/demo.ts';
import type { KeyPair } from '../../../../companion/storage/data.ts';
import type { RegistryStorage } from '../../../../companion/storage/registry-storage.ts';
import { openTestStorage, usePostgresForFile } from '../../../helpers/test-storage.ts';

usePostgresForFile();

let storage: RegistryStorage;
beforeEach(async () => {
  storage = await openTestStorage('postgres');
  await seedDemo(storage, '2026-01-01T00:00:00.000Z');
});
afterEach(() => storage.close());

const sealed = { kid: 'k', iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' };

async function pair(accessKeyId: string, overrides: Partial<KeyPair> = {}): Promise<KeyPair> {
  const alice = (await storage.findUser('alice@demo.example'))!;
  return {
    accessKeyId,
    accountId: alice.accountId,
    regionId: 'demo-north-1',
    secret: sealed,
    state: 'current',
    createdAt: 'now',
    createdBy: alice.id,
    lastResetAt: null,
    lastResetBy: null,
    retiredAt: null,
    ...overrides,
  };
}

const commit = async (key: KeyPair) =>
  storage.withSlot(key.accountId, key.regionId, (slot) =>
    slot.commit({
      retire: null,
      pair: key,
      audit: {
        accountId: key.accountId,
        actor: null,
        action: 'key.create',
        region: key.regionId,
        accessKeyId: key.accessKeyId,
        outcome: 'success',
        code: null,
        at: 'now',
      },
    }),
  );

describe('PostgreSQL invariants', () => {
  it('a second current pair in one (account, region) is refused, and nothing of it is kept', async () => {
    await commit(await pair('AAAAAAAAAAAAAAAAAAA1'));
    await expect(commit(await pair('AAAAAAAAAAAAAAAAAAA2'))).rejects.toThrow(/keys_one_current/);
    const alice = (await storage.findUser('alice@demo.example'))!;
    expect((await storage.keysOf(alice.accountId)).map((k) => k.accessKeyId)).toEqual([
      'AAAAAAAAAAAAAAAAAAA1',
    ]);
    // The audit event of the refused commit went with it.
    expect(await storage.auditPage(alice.accountId, { limit: 10 })).toHaveLength(1);
  });

  it('a current pair without a sealed secret is refused', async () => {
    await expect(commit(await pair('AAAAAAAAAAAAAAAAAAA3', { secret: null }))).rejects.toThrow(/check/);
  });
});
